// What the pane's first screen is made of, module by module, in gzip bytes: each script's source map
// (a production build with EVALSHEET_SOURCE_MAPS=1, "hidden-source-map") says which source every byte of
// the minified script came from; a module's share is how much smaller the gzip of the first screen's
// scripts gets without that module's bytes (the rest compressed as before). Modules of one package count
// together; the shares add up to about the whole (gzip's back-references make them overlap a little).
import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Decodes one source-map segment's base64 VLQ fields. */
function vlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of segment) {
    const digit = BASE64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** The source of each character of `code` (an index into `sources`, -1 where unmapped). */
export function sourceOfEachChar(code: string, mappings: string): Int32Array {
  const owner = new Int32Array(code.length).fill(-1);
  const lineStarts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) lineStarts.push(i + 1);
  let source = 0;
  mappings.split(";").forEach((line, lineNo) => {
    if (lineNo >= lineStarts.length) return;
    const start = lineStarts[lineNo]!;
    const end = lineNo + 1 < lineStarts.length ? lineStarts[lineNo + 1]! : code.length;
    let column = 0;
    const segments: [number, number][] = [];
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const f = vlq(segment);
      column += f[0]!;
      if (f.length >= 4) {
        source += f[1]!;
        segments.push([column, source]);
      } else segments.push([column, -1]);
    }
    segments.forEach(([col, src], i) => {
      const to = i + 1 < segments.length ? start + segments[i + 1]![0] : end;
      owner.fill(src, Math.min(end, start + col), Math.min(end, to));
    });
  });
  return owner;
}

/** A source's group: its npm package, else the file itself (the pane's own modules), else the bundler's. */
export function moduleGroup(source: string | undefined): string {
  if (!source) return "(webpack runtime, unmapped)";
  const path = source.replace(/^webpack:\/\/[^/]*\//, "").replace(/^\.\//, "");
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  if (path.startsWith("webpack/")) return "(webpack runtime, unmapped)";
  return path;
}

export interface ModuleShare {
  readonly group: string;
  /** Minified characters of the first screen's scripts from this group. */
  readonly chars: number;
  /** Gzip bytes the first screen's scripts lose without this group's characters. */
  readonly gzip: number;
}

/** The first screen's scripts (files in `dir`, each with its .map) attributed by group, largest first. */
export async function firstScreenModules(dir: string, files: readonly string[]): Promise<ModuleShare[] | null> {
  if (!files.every((f) => existsSync(join(dir, `${f}.map`)))) return null;
  const scripts: { code: string; groups: string[] }[] = [];
  for (const f of files) {
    const code = await readFile(join(dir, f), "utf8");
    const map = JSON.parse(await readFile(join(dir, `${f}.map`), "utf8")) as { sources: string[]; mappings: string };
    const owner = sourceOfEachChar(code, map.mappings);
    scripts.push({ code, groups: Array.from(owner, (i) => moduleGroup(i < 0 ? undefined : map.sources[i])) });
  }
  const gzipOf = (texts: string[]) => texts.reduce((sum, t) => sum + gzipSync(Buffer.from(t, "utf8")).length, 0);
  const whole = gzipOf(scripts.map((s) => s.code));
  const chars = new Map<string, number>();
  for (const s of scripts) for (const g of s.groups) chars.set(g, (chars.get(g) ?? 0) + 1);
  const shares: ModuleShare[] = [];
  for (const group of chars.keys()) {
    const without = scripts.map((s) => {
      let text = "";
      let from = -1;
      for (let i = 0; i <= s.code.length; i++) {
        const keep = i < s.code.length && s.groups[i] !== group;
        if (keep && from < 0) from = i;
        if (!keep && from >= 0) {
          text += s.code.slice(from, i);
          from = -1;
        }
      }
      return text;
    });
    shares.push({ group, chars: chars.get(group)!, gzip: whole - gzipOf(without) });
  }
  return shares.sort((a, b) => b.gzip - a.gzip);
}
