/**
 * A brace- and string-aware scanner over JSON text: finds where top-level values begin and end
 * without parsing them, iteratively (depth is a counter, never recursion). Used to split
 * concatenated objects (Python console output) and to say where a cut-off document ends.
 */

export interface ScannedValue {
  readonly start: number;
  /** Index just past the closing bracket. */
  readonly end: number;
  /** 1-based line of `start`. */
  readonly line: number;
}

export interface ScanResult {
  readonly values: ScannedValue[];
  /** Set when the text ends inside a value: where it began, and whether inside a string. */
  readonly unterminated?: { readonly start: number; readonly line: number; readonly depth: number; readonly inString: boolean };
  /** Set when text outside any value is not whitespace: offset and line of the first such character. */
  readonly stray?: { readonly offset: number; readonly line: number };
}

export function scanTopLevelValues(text: string, maxValues = Infinity): ScanResult {
  const values: ScannedValue[] = [];
  let depth = 0;
  let inString = false;
  let line = 1;
  let start = -1;
  let startLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) line++;
    if (inString) {
      if (c === 92) i++; // backslash: skip the escaped character (never a newline in valid JSON)
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      if (depth === 0) return { values, stray: { offset: i, line } };
    } else if (c === 123 || c === 91) {
      if (depth === 0) {
        start = i;
        startLine = line;
      }
      depth++;
    } else if (c === 125 || c === 93) {
      depth--;
      if (depth === 0) {
        values.push({ start, end: i + 1, line: startLine });
        if (values.length >= maxValues) return { values };
      } else if (depth < 0) return { values, stray: { offset: i, line } };
    } else if (depth === 0 && c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== 0xfeff) {
      return { values, stray: { offset: i, line } };
    }
  }
  if (depth > 0) return { values, unterminated: { start, line: startLine, depth, inString } };
  return { values };
}

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Python's json module writes bare `NaN`, `Infinity` and `-Infinity`, which JSON.parse rejects.
 * Quotes those tokens when they stand outside strings, so they survive as text; other text is
 * left unchanged. Used only as a retry after a parse failure.
 */
export function quoteNonFiniteNumbers(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 78 || c === 73 || c === 45) {
      const token = text.startsWith('NaN', i) ? 'NaN' : text.startsWith('Infinity', i) ? 'Infinity' : text.startsWith('-Infinity', i) ? '-Infinity' : '';
      if (token === '') continue;
      out += `${text.slice(from, i)}"${token}"`;
      i += token.length - 1;
      from = i + 1;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}
