/**
 * Native (zlib) compression for the zip container, for callers running in Node: the CLI
 * registers it at start (src/cli/io.ts). The browser build never imports this file; without it
 * the adapter reads and writes zips through JSZip as before.
 */
import { crc32, deflateRawSync, inflateRawSync } from "node:zlib";
import type { Codec } from "./rawZip";

export const nodeCodec: Codec = {
  inflateRaw: (data) => inflateRawSync(data),
  // Level 6, what JSZip wrote with: smaller levels save little time on parts this size.
  deflateRaw: (data) => deflateRawSync(data, { level: 6 }),
  crc32: (data) => crc32(data),
};
