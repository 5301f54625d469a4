/**
 * A small PNG decoder for screenshots (8-bit RGB or RGBA, not interlaced: what Chromium writes), so
 * tests can look at pixels without an image library.
 */
import { inflateSync } from 'node:zlib';

export interface Rgba8Image {
  width: number;
  height: number;
  /** RGBA, row by row. */
  data: Uint8Array;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Decodes a PNG; throws on what it does not handle (palette, 16-bit, interlace). */
export function decodePng(png: Uint8Array): Rgba8Image {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.readUInt32BE(0) !== 0x89504e47) throw new Error('not a PNG');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = 0;
  const idat: Buffer[] = [];
  while (offset < buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const bitDepth = body[8];
      colorType = body[9] ?? 0;
      if (bitDepth !== 8 || (colorType !== 2 && colorType !== 6) || body[12] !== 0) {
        throw new Error(`unsupported PNG (bit depth ${bitDepth}, colour type ${colorType}, interlace ${body[12]})`);
      }
    } else if (type === 'IDAT') idat.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const out = new Uint8Array(width * height * 4);
  let prev = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const cur = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (cur[i - channels] ?? 0) : 0;
      const b = prev[i] ?? 0;
      const c = i >= channels ? (prev[i - channels] ?? 0) : 0;
      const x = line[i] ?? 0;
      cur[i] = (filter === 0 ? x : filter === 1 ? x + a : filter === 2 ? x + b : filter === 3 ? x + ((a + b) >> 1) : x + paeth(a, b, c)) & 0xff;
    }
    for (let px = 0; px < width; px++) {
      const o = (y * width + px) * 4;
      out[o] = cur[px * channels] ?? 0;
      out[o + 1] = cur[px * channels + 1] ?? 0;
      out[o + 2] = cur[px * channels + 2] ?? 0;
      out[o + 3] = channels === 4 ? (cur[px * channels + 3] ?? 255) : 255;
    }
    prev = cur;
  }
  return { width, height, data: out };
}

/** Number of distinct colours after quantising each channel to `bits` bits. */
export function distinctColours(image: Rgba8Image, bits = 4): number {
  const shift = 8 - bits;
  const seen = new Set<number>();
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    seen.add((((data[i] ?? 0) >> shift) << (2 * bits)) | (((data[i + 1] ?? 0) >> shift) << bits) | ((data[i + 2] ?? 0) >> shift));
  }
  return seen.size;
}

/** How many pixels lie within `tolerance` (max channel difference) of `rgb`. */
export function countNear(image: Rgba8Image, rgb: readonly [number, number, number], tolerance: number): number {
  let n = 0;
  const { data } = image;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs((data[i] ?? 0) - rgb[0]) <= tolerance &&
      Math.abs((data[i + 1] ?? 0) - rgb[1]) <= tolerance &&
      Math.abs((data[i + 2] ?? 0) - rgb[2]) <= tolerance
    ) n += 1;
  }
  return n;
}
