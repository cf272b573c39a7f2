import { describe, expect, it } from 'vitest';
import { bodyExcerpt } from './api-errors.ts';
import { redactBytes, redactParts, redactText } from './redact.ts';

const token = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0-ZYXWVUTSRQPONMLKJIHGFEDCBA-abcdefghijklmnopqrstuvwxyz-0123456789ABCDEFGHIJ';
const password = 'pa55:w/rd"é€x';
const secrets = [token, password];

const jsonEscaped = (text: string) => [...text].map((char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
const percentEncoded = (text: string) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');

describe('secrets are redacted in every form an upstream may write them', () => {
  it('as written, JSON-escaped (all or some characters), percent-encoded and base64 at any alignment', () => {
    const halfEscaped = token.slice(0, 10) + jsonEscaped(token.slice(10, 20)) + token.slice(20);
    const forms = [token, jsonEscaped(token), halfEscaped, jsonEscaped(password).toUpperCase().replace(/\\U/g, '\\u'), JSON.stringify(password).slice(1, -1), percentEncoded(password), percentEncoded(token).toLowerCase()];
    for (const prefix of ['', 'x', 'xy']) forms.push(Buffer.from(`${prefix}${token}`).toString('base64'), Buffer.from(`${prefix}user:${password}`).toString('base64url'));
    for (const form of forms) {
      const text = redactText(`before ${form} after`, secrets);
      expect(text, form).toContain('[redacted]');
      for (const secret of secrets) {
        expect(text).not.toContain(secret.slice(0, 12));
        expect(text).not.toContain(jsonEscaped(secret).slice(0, 24));
      }
    }
  });

  it('leaves other text alone', () => {
    expect(redactText('{"a":"\\u0041 100% fine"}', secrets)).toBe('{"a":"\\u0041 100% fine"}');
  });

  it('redacts bytes and returns the same bytes when nothing was hidden', () => {
    const clean = Buffer.from('{"name":"a\\nb 5%"}');
    expect(redactBytes(clean, secrets)).toBe(clean);
    const dirty = Buffer.from(`{"auth":"${jsonEscaped(token)}"}`);
    expect(Buffer.from(redactBytes(dirty, secrets)).toString()).toBe('{"auth":"[redacted]"}');
  });
});

describe('error excerpts', () => {
  it('redact the whole body before cutting it, so no part of a secret straddling the cut survives', () => {
    for (let at = 100; at < 260; at += 7) {
      const body = Buffer.from(`${'e'.repeat(at)} Authorization: Bearer ${token} and password ${password} ${'z'.repeat(500)}`);
      const excerpt = bodyExcerpt(body, secrets);
      for (let i = 0; i + 8 <= token.length; i++) expect(excerpt).not.toContain(token.slice(i, i + 8));
      for (let i = 0; i + 6 <= password.length; i++) expect(excerpt).not.toContain(password.slice(i, i + 6));
      expect(excerpt.length).toBeLessThanOrEqual(201);
    }
  });
});

describe('redactParts: a body in the parts it arrived in', () => {
  const cut = (text: string, size: number): Buffer[] => Array.from({ length: Math.ceil(text.length / size) }, (_, i) => Buffer.from(text.slice(i * size, (i + 1) * size)));

  it('finds a secret cut across several small parts, as is and base64-encoded', () => {
    const plain = `{"note":"key ${token} end"}`;
    const encoded = `{"note":"${Buffer.from(`user:${token}`).toString('base64')}"}`;
    for (const text of [plain, encoded])
      for (const size of [3, 7, 50]) {
        const redacted = Buffer.concat(redactParts(cut(text, size), secrets)).toString();
        expect(redacted).not.toContain(token);
        expect(redacted).toContain('[redacted]');
      }
  });

  it('gives back the same parts, uncopied, when no secret is there', () => {
    const parts = cut(`{"note":"${'nothing to see '.repeat(50)}"}`, 64);
    expect(redactParts(parts, secrets)).toBe(parts);
    expect(redactParts(parts, [])).toBe(parts);
  });
});
