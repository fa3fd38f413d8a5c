// A real PNG, made here: an 8-bit RGB image of one colour, zlib-compressed, CRCs computed.
import { deflateSync } from 'node:zlib';

const table = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
/** Wraps raw scanlines (each starting with filter byte 0) of a size×size RGB image. */
function encode(size, raw, level) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level })), chunk('IEND', Buffer.alloc(0))]);
}

/** A size×size PNG filled with [r, g, b]. */
export function png(size = 16, [r, g, b] = [47, 95, 208]) {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3).map((_, i) => [r, g, b][i % 3])]);
  return encode(size, Buffer.concat(Array.from({ length: size }, () => row)), 6);
}

/** A size×size PNG of pseudo-random noise stored uncompressed, so it stays big (~3·size² bytes). */
export function noisePng(size) {
  const raw = Buffer.alloc(size * (size * 3 + 1));
  let x = 0x12345678;
  for (let i = 0; i < raw.length; i += 1) {
    if (i % (size * 3 + 1) === 0) continue; // filter byte 0
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    raw[i] = x & 0xff;
  }
  return encode(size, raw, 0);
}
