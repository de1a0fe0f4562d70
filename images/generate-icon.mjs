// Generates images/icon.png (128×128, the marketplace icon) without any image library:
// shapes as signed-distance tests, 4×4 supersampling, written as a PNG with node:zlib.
// Usage: node images/generate-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const SS = 4;
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const BG_TOP = hex('#1d4e89');
const BG_BOTTOM = hex('#13294b');
const ENVELOPE = hex('#f4f7fb');
const FLAP = hex('#c9d6e8');
const BADGE = hex('#2fb36d');
const WHITE = hex('#ffffff');

const roundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const segDist = (px, py, ax, ay, bx, by) => {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - ax - t * dx, py - ay - t * dy);
};

function sample(x, y) {
  // returns [r,g,b,a]
  if (!roundRect(x, y, 2, 2, 126, 126, 24)) return [0, 0, 0, 0];
  const t = y / N;
  let c = BG_TOP.map((v, i) => v + (BG_BOTTOM[i] - v) * t);
  // envelope body
  const ex0 = 22, ey0 = 36, ex1 = 98, ey1 = 90;
  if (roundRect(x, y, ex0, ey0, ex1, ey1, 6)) {
    c = ENVELOPE;
    // flap: V from top corners to centre
    if (segDist(x, y, ex0 + 3, ey0 + 3, 60, 66) < 3.2 || segDist(x, y, ex1 - 3, ey0 + 3, 60, 66) < 3.2) c = FLAP;
  }
  // badge: circle with a check mark
  const bx = 94, by = 88, br = 22;
  const d = Math.hypot(x - bx, y - by);
  if (d <= br + 3.5) c = BG_BOTTOM; // ring separating badge from envelope
  if (d <= br) {
    c = BADGE;
    if (segDist(x, y, 83, 88, 91, 96) < 3.6 || segDist(x, y, 91, 96, 106, 79) < 3.6) c = WHITE;
  }
  return [...c, 255];
}

const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) {
  raw[y * (N * 4 + 1)] = 0; // filter: none
  for (let x = 0; x < N; x++) {
    const acc = [0, 0, 0, 0];
    for (let sy = 0; sy < SS; sy++)
      for (let sx = 0; sx < SS; sx++) {
        const s = sample(x + (sx + 0.5) / SS, y + (sy + 0.5) / SS);
        acc[0] += s[0] * s[3]; acc[1] += s[1] * s[3]; acc[2] += s[2] * s[3]; acc[3] += s[3];
      }
    const o = y * (N * 4 + 1) + 1 + x * 4;
    const a = acc[3];
    raw[o] = a ? Math.round(acc[0] / a) : 0;
    raw[o + 1] = a ? Math.round(acc[1] / a) : 0;
    raw[o + 2] = a ? Math.round(acc[2] / a) : 0;
    raw[o + 3] = Math.round(a / (SS * SS));
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0);
ihdr.writeUInt32BE(N, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`images/icon.png: ${N}x${N}, ${png.length} bytes`);
