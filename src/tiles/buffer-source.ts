/**
 * A `pmtiles` Source over bytes in memory, so node code (tests, the CLI's read-back check) can read an
 * archive with the same library the viewer uses, range request by range request.
 */
import { gunzipSync } from 'node:zlib';
import type { RangeResponse, Source } from 'pmtiles';

export class BufferSource implements Source {
  /** Range requests served, for tests that check how many reads a lookup takes. */
  requests = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly key = 'memory',
  ) {}

  getKey(): string {
    return this.key;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    this.requests++;
    const end = Math.min(offset + length, this.bytes.length);
    // Copy into a fresh ArrayBuffer: callers may keep or transfer it.
    const data = new ArrayBuffer(Math.max(0, end - offset));
    new Uint8Array(data).set(this.bytes.subarray(offset, end));
    return { data };
  }
}

/**
 * A `pmtiles` decompress function using node's zlib (faster than DecompressionStream for bulk reads).
 * Copies out of the result: small zlib results live inside a shared pool buffer, whose `.buffer` is the
 * whole pool.
 */
export async function nodeGunzip(buf: ArrayBuffer, compression?: number): Promise<ArrayBuffer> {
  if (compression !== undefined && compression !== 2) {
    if (compression === 1 || compression === 0) return buf;
    throw new Error(`compression ${compression} not supported`);
  }
  const out = gunzipSync(new Uint8Array(buf));
  return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
}
