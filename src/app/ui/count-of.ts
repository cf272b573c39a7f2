/** "1 span", "12,345 spans"; `many` for irregular plurals ("1 span matches" / "3 spans match"). */
export const countOf = (count: number, one: string, many = `${one}s`): string => `${count.toLocaleString()} ${count === 1 ? one : many}`;
