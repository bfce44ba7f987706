// Renders icon.svg's shapes to PNG (every size electron-builder wants), plus icon.ico and icon.icns wrapping those PNGs.
// Pure Node (zlib): no image tools needed. Run: node resources/icons/render-icons.mjs
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
function png(size, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

// Shapes in the SVG's 1024 space as signed distances (negative = inside).
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
function roundRect(x, y, x0, y0, x1, y1, r) {
  const qx = Math.abs(x - (x0 + x1) / 2) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - (y0 + y1) / 2) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}
function segment(x, y, ax, ay, bx, by, halfWidth) {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - ax - t * dx, y - ay - t * dy) - halfWidth;
}
const LAYERS = [
  { colour: hex('#1f3b73'), sd: (x, y) => roundRect(x, y, 64, 64, 960, 960, 200) },
  { colour: hex('#9fb8e8'), sd: (x, y) => Math.min(segment(x, y, 250, 330, 560, 330, 18), segment(x, y, 250, 430, 500, 430, 18), segment(x, y, 250, 530, 560, 530, 18)) },
  { colour: hex('#ffffff'), sd: (x, y) => Math.abs(Math.hypot(x - 440, y - 430) - 230) - 32 },
  { colour: hex('#ffb020'), sd: (x, y) => segment(x, y, 610, 600, 800, 790, 55) },
];

export function render(size) {
  const out = Buffer.alloc(size * size * 4);
  const scale = 1024 / size;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      const x = (px + 0.5) * scale, y = (py + 0.5) * scale;
      for (const layer of LAYERS) {
        const cover = Math.max(0, Math.min(1, 0.5 - layer.sd(x, y) / scale)); // one-pixel antialiasing
        if (cover === 0) continue;
        const [lr, lg, lb] = layer.colour;
        r = lr * cover + r * (1 - cover);
        g = lg * cover + g * (1 - cover);
        b = lb * cover + b * (1 - cover);
        a = cover + a * (1 - cover);
      }
      const i = (py * size + px) * 4;
      // colours above were blended premultiplied-style; un-premultiply for PNG
      out[i] = a > 0 ? Math.round(Math.min(255, r / (a || 1))) : 0;
      out[i + 1] = a > 0 ? Math.round(Math.min(255, g / (a || 1))) : 0;
      out[i + 2] = a > 0 ? Math.round(Math.min(255, b / (a || 1))) : 0;
      out[i + 3] = Math.round(a * 255);
    }
  }
  return png(size, out);
}

/** ICO with PNG-compressed images (Windows Vista and later). */
function ico(images) {
  const header = Buffer.alloc(6);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const dir = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4);
    e.writeUInt16LE(32, 6);
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([header, ...dir, ...images.map((i) => i.data)]);
}

/** ICNS with PNG entries (ic07 128, ic08 256, ic09 512, ic10 1024). */
function icns(images) {
  const types = { 128: 'ic07', 256: 'ic08', 512: 'ic09', 1024: 'ic10' };
  const entries = images.filter((i) => types[i.size]).map(({ size, data }) => {
    const h = Buffer.alloc(8);
    h.write(types[size], 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const body = Buffer.concat(entries);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const images = SIZES.map((size) => ({ size, data: render(size) }));
  for (const { size, data } of images) writeFileSync(join(here, `${size}x${size}.png`), data);
  writeFileSync(join(here, 'icon.png'), images.find((i) => i.size === 1024).data);
  writeFileSync(join(here, 'icon.ico'), ico(images.filter((i) => i.size <= 256)));
  writeFileSync(join(here, 'icon.icns'), icns(images));
  console.log(`wrote ${images.length} PNGs, icon.png, icon.ico, icon.icns to ${here}`);
}
