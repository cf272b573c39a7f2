/** "1 span", "12,345 spans"; `many` for irregular plurals ("1 span matches" / "3 spans match"). */
export const countOf = (count: number, one: string, many = `${one}s`): string => `${numberFormat().format(count)} ${count === 1 ? one : many}`;

let format: Intl.NumberFormat | undefined;

/**
 * One formatter for the page's locale, as `toLocaleString()` uses: that builds a new one per call,
 * which cost the waterfall about a millisecond per scroll frame (a count in every row's tooltip).
 */
const numberFormat = (): Intl.NumberFormat => (format ??= new Intl.NumberFormat());
