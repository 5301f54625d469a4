/**
 * `pmtiles` Sources for node: over bytes in memory (tests, the CLI's read-back check) and over a file
 * on disk (reading an archive's metadata without loading it), so node code reads an archive with the
 * same library the viewer uses, range request by range request.
 */
import { closeSync, openSync, readSync } from 'node:fs';
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

/** A `pmtiles` Source over a file, read range by range (open it, read, and close it per request). */
export class FileSource implements Source {
  constructor(private readonly path: string) {}

  getKey(): string {
    return this.path;
  }

  async getBytes(offset: number, length: number): Promise<RangeResponse> {
    const fd = openSync(this.path, 'r');
    try {
      const buf = Buffer.alloc(length);
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, offset + got);
        if (n === 0) break;
        got += n;
      }
      const data = new ArrayBuffer(got);
      new Uint8Array(data).set(buf.subarray(0, got));
      return { data };
    } finally {
      closeSync(fd);
    }
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
