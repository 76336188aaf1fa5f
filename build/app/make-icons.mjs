// Draws Canopy's icon (a tree crown over a trunk, on a rounded square) as PNGs in the sizes desktops use.
// Run once when the design changes; the PNGs are committed. No image library is needed for three shapes.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 24, 32, 48, 64, 128, 256, 512];
const out = join(dirname(fileURLToPath(import.meta.url)), 'icons');

const crc32 = (bytes) => {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

function pixel(x, y) {
  const inside = (cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const corner = 0.18;
  const cx = Math.min(Math.max(x, corner), 1 - corner);
  const cy = Math.min(Math.max(y, corner), 1 - corner);
  if ((x - cx) ** 2 + (y - cy) ** 2 > corner * corner) return [0, 0, 0, 0];
  if (inside(0.5, 0.4, 0.24) || inside(0.33, 0.5, 0.15) || inside(0.67, 0.5, 0.15)) return [46, 160, 90, 255];
  if (x > 0.45 && x < 0.55 && y > 0.5 && y < 0.82) return [120, 80, 50, 255];
  return [236, 240, 236, 255];
}

for (const size of SIZES) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = [0];
    for (let x = 0; x < size; x++) row.push(...pixel((x + 0.5) / size, (y + 0.5) / size));
    rows.push(Buffer.from(row));
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  writeFileSync(join(out, `${String(size)}x${String(size)}.png`), png);
}
