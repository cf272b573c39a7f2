/**
 * Secret redaction for everything the server writes (answers to the browser, the server log).
 * A secret is found however an upstream may have written it:
 *
 * - as is;
 * - with any of its characters as a JSON escape (`\u0073`, `\u00E9`, `\/`, `\"`, `\\`);
 * - with any of its characters percent-encoded (`%73`, UTF-8 bytes for non-ASCII);
 * - base64-encoded (standard or URL-safe alphabet) at any of the three byte alignments inside a
 *   longer base64 text, for secrets long enough that a false match is implausible.
 *
 * One regular expression per list of secrets, built once and cached. Callers redact whole texts
 * before cutting them, so no part of a secret can survive at a cut.
 */

const replacement = '[redacted]';
const minBase64Core = 8;

const hexDigit = (digit: string): string => (/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit);
const hexPattern = (hex: string): string => [...hex].map(hexDigit).join('');
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

/** Every way one character (one code point) may be written in JSON or a URL. */
function characterForms(char: string): string {
  const units = [...Array(char.length).keys()].map((i) => `\\\\u${hexPattern(char.charCodeAt(i).toString(16).padStart(4, '0'))}`);
  const forms = [escapeRegExp(char), units.join('')];
  if (char === '/' || char === '"' || char === '\\') forms.push(`\\\\${escapeRegExp(char)}`);
  forms.push([...Buffer.from(char, 'utf8')].map((byte) => `%${hexPattern(byte.toString(16).padStart(2, '0'))}`).join(''));
  return `(?:${forms.join('|')})`;
}

/** The base64 text that encodes `secret` wherever it sits in a longer encoded text (3 alignments). */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const cores = new Set<string>();
  for (let offset = 0; offset < 3; offset++) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes]).toString('base64');
    const start = offset === 0 ? 0 : offset + 1; // chars holding only the secret's bits
    const end = Math.floor(((offset + bytes.length) * 8) / 6);
    const core = encoded.slice(start, end);
    if (core.length >= minBase64Core) {
      cores.add(core);
      cores.add(core.replace(/\+/g, '-').replace(/\//g, '_'));
    }
  }
  return [...cores];
}

const literals = new WeakMap<readonly string[], string[]>();

/** The secrets and their base64 forms: what can be found in bytes without decoding them. */
function literalForms(secrets: readonly string[]): string[] {
  let forms = literals.get(secrets);
  if (forms === undefined) {
    forms = secrets.filter((secret) => secret !== '').flatMap((secret) => [secret, ...base64Cores(secret)]);
    literals.set(secrets, forms);
  }
  return forms;
}

const patterns = new WeakMap<readonly string[], RegExp | null>();

/** One global pattern for all forms of all secrets, longest alternatives first; null when there are none. */
export function secretPattern(secrets: readonly string[]): RegExp | null {
  const cached = patterns.get(secrets);
  if (cached !== undefined) return cached;
  const alternatives = new Set<string>();
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret === '') continue;
    alternatives.add([...secret].map(characterForms).join(''));
    for (const core of base64Cores(secret)) alternatives.add(escapeRegExp(core));
  }
  const pattern = alternatives.size === 0 ? null : new RegExp([...alternatives].join('|'), 'g');
  patterns.set(secrets, pattern);
  return pattern;
}

/** `text` with every form of every secret replaced by "[redacted]". */
export function redactText(text: string, secrets: readonly string[]): string {
  const pattern = secretPattern(secrets);
  if (pattern === null) return text;
  pattern.lastIndex = 0;
  return text.replace(pattern, replacement);
}

const redactedBodies = new WeakMap<ArrayBufferLike, Map<string, Uint8Array>>();

/**
 * Bytes with every secret removed. Returns the same bytes when nothing had to change (the common
 * case, checked without decoding unless the body holds escapes or percent signs), and remembers
 * the result per underlying buffer, so many answers of one upstream body share one copy.
 */
export function redactBytes(bytes: Uint8Array, secrets: readonly string[]): Uint8Array {
  if (secrets.length === 0) return bytes;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const mayHide = buffer.includes('\\') || buffer.includes('%') || literalForms(secrets).some((form) => buffer.includes(form));
  if (!mayHide) return bytes;
  const key = `${bytes.byteOffset}:${bytes.byteLength}`;
  const known = redactedBodies.get(bytes.buffer)?.get(key);
  if (known !== undefined) return known;
  const text = buffer.toString('utf8');
  const pattern = secretPattern(secrets);
  let result: Uint8Array = bytes;
  if (pattern !== null) {
    pattern.lastIndex = 0;
    if (pattern.test(text)) result = Buffer.from(redactText(text, secrets), 'utf8');
  }
  const perBuffer = redactedBodies.get(bytes.buffer) ?? new Map<string, Uint8Array>();
  perBuffer.set(key, result);
  redactedBodies.set(bytes.buffer, perBuffer);
  return result;
}

/**
 * `redactBytes` for a body in parts (an upstream answer's chunks): the same parts when nothing had
 * to change, checked part by part and across each join (a secret may be cut between two parts);
 * else the body joined and redacted, as one part.
 */
export function redactParts(parts: readonly Uint8Array[], secrets: readonly string[]): readonly Uint8Array[] {
  if (secrets.length === 0 || parts.length === 0) return parts;
  if (parts.length === 1) {
    const only = parts[0] as Uint8Array;
    const redacted = redactBytes(only, secrets);
    return redacted === only ? parts : [redacted];
  }
  const forms = literalForms(secrets);
  // A secret cut between parts (even over several small ones) lies in the last bytes before a part
  // and its first bytes: `carry` holds the bytes before this part, as many as a form is long.
  const reach = Math.max(1, ...forms.map((form) => Buffer.byteLength(form))) - 1;
  let carry: Buffer = Buffer.alloc(0);
  let mayHide = false;
  for (const part of parts) {
    const buffer = Buffer.from(part.buffer, part.byteOffset, part.byteLength);
    mayHide = buffer.includes('\\') || buffer.includes('%') || forms.some((form) => buffer.includes(form));
    if (!mayHide && reach > 0 && carry.byteLength > 0) {
      const seam = Buffer.concat([carry, buffer.subarray(0, reach)]);
      mayHide = forms.some((form) => seam.includes(form));
    }
    if (mayHide) break;
    carry = buffer.byteLength >= reach ? buffer.subarray(buffer.byteLength - reach) : Buffer.concat([carry, buffer]).subarray(-reach);
  }
  if (!mayHide) return parts;
  const joined = Buffer.concat(parts);
  const redacted = redactBytes(joined, secrets);
  return redacted === joined ? parts : [redacted];
}
