/**
 * Long string values that hold JSON (Junjo graphs and state, LLM payloads) are shown
 * pretty-printed. Parsing is bounded: values over the limit are shown as plain text.
 */
const maxParseLength = 2_000_000;

export type ValueDisplay =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'json'; readonly pretty: string; readonly raw: string };

export function displayValue(text: string): ValueDisplay {
  const trimmed = text.trim();
  if (trimmed.length < 2 || trimmed.length > maxParseLength || !/^[[{]/.test(trimmed)) return { kind: 'text', text };
  try {
    const parsed: unknown = JSON.parse(trimmed);
    if (parsed === null || typeof parsed !== 'object') return { kind: 'text', text };
    return { kind: 'json', pretty: JSON.stringify(parsed, null, 2), raw: text };
  } catch {
    return { kind: 'text', text };
  }
}
