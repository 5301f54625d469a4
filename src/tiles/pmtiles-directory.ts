/**
 * PMTiles v3 directories: varint serialisation and the root/leaf split.
 *
 * A directory is a list of entries sorted by tile id, stored column by column (all tile id deltas, then
 * all run lengths, then all lengths, then all offsets) because columns of similar small numbers compress
 * far better than interleaved rows. Spec: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
 */

/** One directory entry. `runLength` 0 marks a pointer to a leaf directory instead of tile data. */
export interface DirEntry {
  tileId: number;
  /** Bytes from the start of the tile data section (tiles) or of the leaf directory section (leaves). */
  offset: number;
  length: number;
  runLength: number;
}

/** Header (127 bytes) + root directory must fit in the first 16 KiB, which readers fetch in one request. */
export const HEADER_BYTES = 127;
export const FIRST_FETCH_BYTES = 16_384;
export const MAX_ROOT_BYTES = FIRST_FETCH_BYTES - HEADER_BYTES;

/** Growable byte buffer for varints; avoids one small allocation per number. */
class ByteSink {
  private buf = new Uint8Array(1024);
  length = 0;

  push(byte: number): void {
    if (this.length === this.buf.length) {
      const next = new Uint8Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = byte;
  }

  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/**
 * Unsigned LEB128 varint. Uses arithmetic, not bit operators, because offsets and tile ids can pass 2^32
 * (JS bit operators truncate to 32 bits); exact up to Number.MAX_SAFE_INTEGER.
 */
export function writeVarint(sink: { push(byte: number): void }, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`varint out of range: ${value}`);
  let v = value;
  while (v >= 0x80) {
    sink.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  sink.push(v);
}

/**
 * Serialise entries (already sorted by tile id) to the uncompressed directory bytes.
 * An offset equal to the end of the previous entry is written as 0, anything else as offset + 1, which is
 * what makes contiguous (clustered) tile data cheap to address.
 */
export function serializeDirectory(entries: readonly DirEntry[]): Uint8Array {
  const sink = new ByteSink();
  writeVarint(sink, entries.length);
  let lastId = 0;
  for (const e of entries) {
    if (e.tileId < lastId) throw new Error(`directory entries not sorted: ${e.tileId} after ${lastId}`);
    writeVarint(sink, e.tileId - lastId);
    lastId = e.tileId;
  }
  for (const e of entries) writeVarint(sink, e.runLength);
  for (const e of entries) writeVarint(sink, e.length);
  let prev: DirEntry | undefined;
  for (const e of entries) {
    if (prev && e.offset === prev.offset + prev.length) writeVarint(sink, 0);
    else writeVarint(sink, e.offset + 1);
    prev = e;
  }
  return sink.bytes().slice();
}

export interface BuiltDirectories {
  /** Compressed root directory, at most MAX_ROOT_BYTES. */
  root: Uint8Array;
  /** Compressed leaf directories, back to back; the root's leaf entries point into this section. */
  leaves: Uint8Array[];
  leavesLength: number;
  /** Entries per leaf used (0 when everything fits in the root). */
  leafSize: number;
}

/**
 * Put all entries in the root directory when that fits, otherwise split them into leaves of `leafSize`
 * entries and make the root a list of pointers, growing `leafSize` by 20 % until the root fits. This is
 * the strategy of the reference writer (go-pmtiles): at least 4096 entries per leaf, so a tile lookup costs
 * at most one extra request of a few kilobytes.
 *
 * @param entries tile entries sorted by tile id
 * @param compress the archive's internal compression (gzip here)
 * @param opts.maxRootEntries entries above which leaves are used even if the root would fit (default 16384,
 *   as go-pmtiles) — lets tests force leaves with fewer entries
 * @param opts.minLeafSize first leaf size tried (default 4096)
 */
export function buildDirectories(
  entries: readonly DirEntry[],
  compress: (raw: Uint8Array) => Uint8Array,
  opts: { maxRootEntries?: number; minLeafSize?: number; maxRootBytes?: number } = {},
): BuiltDirectories {
  const maxRootEntries = opts.maxRootEntries ?? 16_384;
  const maxRootBytes = opts.maxRootBytes ?? MAX_ROOT_BYTES;
  if (entries.length <= maxRootEntries) {
    const root = compress(serializeDirectory(entries));
    if (root.length <= maxRootBytes) return { root, leaves: [], leavesLength: 0, leafSize: 0 };
  }
  let leafSize = Math.max(opts.minLeafSize ?? 4096, Math.ceil(entries.length / 3500));
  for (;;) {
    const leaves: Uint8Array[] = [];
    const rootEntries: DirEntry[] = [];
    let offset = 0;
    for (let i = 0; i < entries.length; i += leafSize) {
      const chunk = entries.slice(i, i + leafSize);
      const leaf = compress(serializeDirectory(chunk));
      rootEntries.push({ tileId: chunk[0]!.tileId, offset, length: leaf.length, runLength: 0 });
      leaves.push(leaf);
      offset += leaf.length;
    }
    const root = compress(serializeDirectory(rootEntries));
    if (root.length <= maxRootBytes) return { root, leaves, leavesLength: offset, leafSize };
    // Root too big: fewer, larger leaves. Terminates: one leaf gives a one-entry root.
    leafSize = Math.ceil(leafSize * 1.2);
  }
}
