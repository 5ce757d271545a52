#!/usr/bin/env node
// Writes the add-in's icons (assets/icon-16/32/64/80.png): a rose rounded square with a white "评"
// drawn from strokes, anti-aliased by supersampling. No image tools are needed (ImageMagick is not a
// given here): the PNG is encoded by hand — signature, IHDR, one zlib-deflated IDAT, IEND, CRC-32 —
// using node:zlib only. The output is deterministic, so re-running it leaves the committed PNGs
// byte-identical unless this file changes.
//
//   node scripts/make-icons.mjs [outDir]      (default: assets/ next to this script's parent)
import { deflateSync } from "node:zlib";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ICON_SIZES = [16, 32, 64, 80];

const BACKGROUND = [0xc2, 0x18, 0x5b]; // rose red
const FOREGROUND = [0xff, 0xff, 0xff];

// "评" = 讠 + 平, as polylines in a unit em square (x right, y down).
const STROKES = [
  [[0.13, 0.14], [0.23, 0.25]], // 讠 dot
  [[0.07, 0.40], [0.21, 0.40], [0.21, 0.82], [0.31, 0.72]], // 讠 horizontal, down, rising tick
  [[0.39, 0.17], [0.93, 0.17]], // 平 top horizontal
  [[0.49, 0.29], [0.56, 0.43]], // 平 left dot
  [[0.83, 0.29], [0.76, 0.43]], // 平 right dot
  [[0.36, 0.55], [0.96, 0.55]], // 平 middle horizontal
  [[0.66, 0.17], [0.66, 0.95]], // 平 vertical
];

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Coverage (0..1) of the glyph and of the rounded square at pixel (x, y) of a size×size icon. */
function coverage(size, x, y) {
  const samples = 4;
  const margin = size * 0.04; // transparent rim so the square does not touch the edge
  const radius = size * 0.18;
  const glyphBox = { x: size * 0.16, y: size * 0.14, s: size * 0.70 };
  // Thicker strokes at small sizes so the glyph survives 16 px.
  const halfWidth = (size <= 16 ? 0.085 : size <= 32 ? 0.07 : 0.06) / 2;
  let square = 0;
  let glyph = 0;
  for (let sy = 0; sy < samples; sy++) {
    for (let sx = 0; sx < samples; sx++) {
      const px = x + (sx + 0.5) / samples;
      const py = y + (sy + 0.5) / samples;
      // rounded square
      const cx = Math.min(Math.max(px, margin + radius), size - margin - radius);
      const cy = Math.min(Math.max(py, margin + radius), size - margin - radius);
      const inSquare = px >= margin && px <= size - margin && py >= margin && py <= size - margin
        && Math.hypot(px - cx, py - cy) <= radius;
      if (!inSquare) continue;
      square++;
      const u = (px - glyphBox.x) / glyphBox.s;
      const v = (py - glyphBox.y) / glyphBox.s;
      const hit = STROKES.some((line) => line.slice(1).some((p, i) => distanceToSegment(u, v, line[i], p) <= halfWidth));
      if (hit) glyph++;
    }
  }
  const n = samples * samples;
  return { square: square / n, glyph: glyph / n };
}

/** RGBA pixels, row-major, for a size×size icon. */
export function renderIcon(size) {
  const rgba = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const { square, glyph } = coverage(size, x, y);
      const t = square === 0 ? 0 : glyph / square; // glyph share inside the square
      const o = (y * size + x) * 4;
      for (let c = 0; c < 3; c++) rgba[o + c] = Math.round(BACKGROUND[c] * (1 - t) + FOREGROUND[c] * t);
      rgba[o + 3] = Math.round(square * 255);
    }
  }
  return rgba;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** A truecolour-with-alpha (colour type 6), 8-bit, non-interlaced PNG. */
export function encodePng(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type RGBA
  ihdr[10] = 0; // compression
  ihdr[11] = 0; // filter method
  ihdr[12] = 0; // no interlace
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter type None
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = resolve(process.argv[2] ?? join(here, "..", "assets"));
  mkdirSync(outDir, { recursive: true });
  for (const size of ICON_SIZES) {
    const file = join(outDir, `icon-${size}.png`);
    writeFileSync(file, encodePng(size, size, renderIcon(size)));
    console.log(`wrote ${file}`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
