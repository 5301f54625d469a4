import { describe, expect, it } from 'vitest';
import { loadStream } from './load-stream.ts';
import { collection, point, spec } from './test-helpers.ts';

const streamOf = (bytes: Uint8Array) => new ReadableStream<Uint8Array>({ start(c) { c.enqueue(bytes); c.close(); } });

describe('loadStream', () => {
  it('parses a body and merges the decoding warning into the result', async () => {
    // GB18030 bytes for 坏了 as the status: decoded, then reported as an unknown label.
    const text = collection(point({ id: 'H-1', status: 'XX' }));
    const utf8 = new TextEncoder().encode(text);
    const at = text.indexOf('XX');
    const gbk = new Uint8Array([...utf8.slice(0, at), 0xbb, 0xb5, 0xc1, 0xcb, ...utf8.slice(at + 2)]);
    const result = await loadStream(streamOf(gbk), spec('hydrants'));
    expect(result.report.map((e) => e.code)).toEqual(['file.encoding', 'enum.unknown']);
    expect(result.report[1]?.params?.value).toBe('坏了');
    expect(result.stats).toEqual({ read: 1, kept: 1, dropped: 0, errors: 0, warnings: 2 });
  });

  it('refuses a body over the source max_mb with one entry and an empty collection', async () => {
    const result = await loadStream(streamOf(new Uint8Array(2048)), spec('hydrants', { max_mb: 1 / 1024 }), { file: 'https://example.test/h.geojson' });
    expect(result.collection.features).toEqual([]);
    expect(result.report).toEqual([expect.objectContaining({ code: 'file.too_large', file: 'https://example.test/h.geojson' })]);
    expect(result.stats).toEqual({ read: 0, kept: 0, dropped: 0, errors: 1, warnings: 0 });
  });
});
