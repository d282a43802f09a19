/** decode(): the bytes of a file to text, strictly UTF-8 (or UTF-16 with a byte order mark). */
import { describe, expect, it } from 'vitest';
import { decode } from '../../src/load/read.js';

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

describe('decode', () => {
  it('keeps a real U+FFFD (bytes EF BF BD): it is valid UTF-8, not a decoding failure', () => {
    expect(decode(utf8('{"name": "Caf\uFFFD \u00e9"}'))).toEqual({ ok: true, text: '{"name": "Caf\uFFFD \u00e9"}' });
  });

  it('reports an invalid byte even when the text also holds a real U+FFFD', () => {
    const bytes = new Uint8Array([...utf8('{"a": "\uFFFD", "b": "'), 0xc3, 0x28, ...utf8('"}')]);
    const r = decode(bytes);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.message).toBe('The file is not valid UTF-8: byte 0xC3 at byte 19 (save it as UTF-8)');
    expect(r.ok ? -1 : r.offset).toBe(17);
  });

  it('decodes plain ASCII and strips a UTF-8 byte order mark', () => {
    expect(decode(utf8('{}'))).toEqual({ ok: true, text: '{}' });
    expect(decode(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('{"é": 1}')]))).toEqual({ ok: true, text: '{"é": 1}' });
  });
});
