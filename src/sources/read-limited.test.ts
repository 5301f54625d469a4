import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MB, maxBytesFor, readTextLimited } from './read-limited.ts';

const encoder = new TextEncoder();

/** A stream of `count` chunks that records how many were pulled and whether it was cancelled. */
function countingStream(chunks: Uint8Array[]) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[state.pulled++];
      if (chunk) controller.enqueue(chunk);
      else controller.close();
    },
    cancel() {
      state.cancelled = true;
    },
  }, { highWaterMark: 0 });
  return { stream, state };
}

describe('readTextLimited', () => {
  it('reads UTF-8 across chunk boundaries and removes a byte order mark', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...encoder.encode('{"名称":"青梅"}')]);
    const { stream } = countingStream([bytes.slice(0, 5), bytes.slice(5, 6), bytes.slice(6)]);
    expect(await readTextLimited(stream, { maxBytes: 100, file: 'a.geojson' })).toEqual({ ok: true, text: '{"名称":"青梅"}', report: [] });
  });

  it('reads a null body as empty text', async () => {
    expect(await readTextLimited(null, { maxBytes: 1, file: 'a.geojson' })).toEqual({ ok: true, text: '', report: [] });
  });

  it('decodes GB18030 (GBK) exports with a warning', async () => {
    const gbk = new Uint8Array([0x7b, 0x22, 0xc7, 0xe0, 0xc3, 0xb7, 0x22, 0x7d]); // {"青梅"}
    const { stream } = countingStream([gbk]);
    const read = await readTextLimited(stream, { maxBytes: 100, file: 'a.geojson' });
    expect(read).toMatchObject({ ok: true, text: '{"青梅"}', report: [{ code: 'file.encoding', severity: 'warning', params: { encoding: 'GB18030' } }] });
  });

  it('refuses up front when the content length says so, without reading', async () => {
    const { stream, state } = countingStream([encoder.encode('x')]);
    const read = await readTextLimited(stream, { maxBytes: 10, file: 'premises.geojson', contentLength: 11 });
    expect(read).toEqual({ ok: false, entry: {
      severity: 'error', file: 'premises.geojson', code: 'file.too_large', params: { limitMiB: 0, bytes: 11 },
      message: "premises.geojson (11 bytes) is larger than 10 bytes (the source's max_mb); split the export or raise max_mb in the manifest",
    } });
    expect(state.pulled).toBe(0);
    expect(state.cancelled).toBe(true);
  });

  it('stops reading and cancels the stream as soon as the limit is passed', async () => {
    const chunk = new Uint8Array(1024).fill(0x20);
    const { stream, state } = countingStream(Array.from({ length: 100 }, () => chunk));
    const read = await readTextLimited(stream, { maxBytes: 4096, file: 'premises.geojson' });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.entry).toMatchObject({ code: 'file.too_large', params: { limitMiB: 0 } });
    expect(state.cancelled).toBe(true);
    expect(state.pulled).toBeLessThanOrEqual(6);
  });

  it('accepts a body of exactly the limit', async () => {
    const { stream } = countingStream([encoder.encode('12345')]);
    expect(await readTextLimited(stream, { maxBytes: 5, file: 'a' })).toMatchObject({ ok: true, text: '12345' });
  });
});

describe('maxBytesFor', () => {
  it('uses max_mb in MiB, 64 by default', () => {
    expect(DEFAULT_MAX_MB).toBe(64);
    expect(maxBytesFor({})).toBe(64 * 1024 * 1024);
    expect(maxBytesFor({ max_mb: 0.5 })).toBe(512 * 1024);
  });
});
