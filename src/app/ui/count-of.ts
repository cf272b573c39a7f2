/** "1 span", "12,345 spans"; `many` for irregular plurals ("1 span matches" / "3 spans match"). */
export const countOf = (count: number, one: string, many = `${one}s`): string => `${formatCount(count)} ${count === 1 ? one : many}`;

let format: Intl.NumberFormat | undefined;

/**
 * One formatter for the page's locale, as `toLocaleString()` uses: that builds a new one per call,
 * which cost the waterfall about a millisecond per scroll frame (a count in every row's tooltip).
 */
const numberFormat = (): Intl.NumberFormat => (format ??= new Intl.NumberFormat());

/** Formatted small whole numbers, kept: `format` itself cost a few microseconds per row in every scroll frame of the waterfall. */
const small = new Map<number, string>();
const smallLimit = 100_000;

export function formatCount(count: number): string {
  if (!Number.isInteger(count) || count < 0 || count >= smallLimit) return numberFormat().format(count);
  let text = small.get(count);
  if (text === undefined) {
    text = numberFormat().format(count);
    small.set(count, text);
  }
  return text;
}
