// Draws the app icon (build/icon.png, 1024x1024) without any image library: a rounded square
// with three service nodes joined by calls, encoded as a PNG by hand (zlib + CRC). Run it again
// after changing the drawing: `node build/make-icon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const S = 1024;
const px = new Uint8Array(S * S * 4);

const bg = [37, 99, 235]; // blue
const fg = [255, 255, 255];
const accent = [250, 204, 21]; // amber

// Signed distance helpers, evaluated with 4x4 supersampling for smooth edges.
const roundRect = (x, y, r, pad) => {
  const h = S / 2 - pad;
  const qx = Math.abs(x - S / 2) - (h - r);
  const qy = Math.abs(y - S / 2) - (h - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const segment = (x, y, ax, ay, bx, by) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy);
};
const nodes = [
  [300, 330, 95, fg],
  [724, 330, 95, fg],
  [512, 720, 110, accent],
];
const edges = [
  [0, 1],
  [0, 2],
  [1, 2],
];

function shade(x, y) {
  if (roundRect(x, y, 200, 40) > 0) return null;
  for (const [cx, cy, r, c] of nodes) if (Math.hypot(x - cx, y - cy) <= r) return c;
  for (const [a, b] of edges) {
    const [ax, ay] = nodes[a];
    const [bx, by] = nodes[b];
    if (segment(x, y, ax, ay, bx, by) <= 22) return fg;
  }
  return bg;
}

for (let y = 0; y < S; y++) {
  for (let x = 0; x < S; x++) {
    let r = 0,
      g = 0,
      b = 0,
      a = 0;
    for (let sy = 0; sy < 4; sy++) {
      for (let sx = 0; sx < 4; sx++) {
        const c = shade(x + (sx + 0.5) / 4, y + (sy + 0.5) / 4);
        if (c) {
          r += c[0];
          g += c[1];
          b += c[2];
          a += 1;
        }
      }
    }
    const i = (y * S + x) * 4;
    if (a > 0) {
      px[i] = Math.round(r / a);
      px[i + 1] = Math.round(g / a);
      px[i + 2] = Math.round(b / a);
    }
    px[i + 3] = Math.round((a / 16) * 255);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(S, 0);
ihdr.writeUInt32BE(S, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(S * (S * 4 + 1));
for (let y = 0; y < S; y++) {
  raw[y * (S * 4 + 1)] = 0; // filter: none
  Buffer.from(px.buffer, y * S * 4, S * 4).copy(raw, y * (S * 4 + 1) + 1);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
const out = join(dirname(fileURLToPath(import.meta.url)), 'icon.png');
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes)`);
