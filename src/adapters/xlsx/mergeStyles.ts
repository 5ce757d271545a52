/**
 * Bringing the cell formats of sheets written by exceljs into another workbook's styles.xml. A
 * cell's `s` is an index into that file's cellXfs, which points at its fonts, fills, borders and
 * number formats; the sheets taken over need their formats appended to the target's lists (the
 * target's own entries stay where they are, so its sheets keep every index they use).
 */
import { attributes, decodeEntities, startTags } from "./xmlText";
import { escapeAttr } from "./opc";

interface Block {
  readonly start: number; // index of "<fonts"
  readonly openEnd: number; // index after the opening tag's ">"
  readonly close: number; // index of "</fonts>"
  readonly items: string[];
}

const ITEM: Record<string, string> = { fonts: "font", fills: "fill", borders: "border", cellXfs: "xf", numFmts: "numFmt" };

function block(text: string, name: string): Block | null {
  const open = new RegExp(`<${name}\\b[^>]*?(/?)>`).exec(text);
  if (!open) return null;
  const openEnd = open.index + open[0].length;
  if (open[1] === "/") return { start: open.index, openEnd, close: -1, items: [] };
  const close = text.indexOf(`</${name}>`, openEnd);
  if (close < 0) throw new Error(`styles.xml: <${name}> is not closed`);
  const item = ITEM[name]!;
  const inner = text.slice(openEnd, close);
  const items = inner.match(new RegExp(`<${item}\\b[^>]*?/>|<${item}\\b[^>]*>[\\s\\S]*?</${item}>`, "g")) ?? [];
  return { start: open.index, openEnd, close, items };
}

/** styles.xml of the target with its blocks' new items appended and their counts updated. */
function rewrite(text: string, added: Record<string, string[]>): string {
  // Right to left, so earlier offsets stay valid.
  const edits = Object.entries(added)
    .filter(([, items]) => items.length > 0)
    .map(([name, items]) => ({ name, items, b: block(text, name) }))
    .sort((x, y) => (y.b?.start ?? 0) - (x.b?.start ?? 0));
  let out = text;
  for (const { name, items, b } of edits) {
    if (!b || b.close < 0) {
      if (name !== "numFmts") throw new Error(`styles.xml has no <${name}> list`);
      // numFmts comes first in a stylesheet.
      const root = /<styleSheet\b[^>]*>/.exec(out)!;
      const at = root.index + root[0].length;
      const whole = b ? out.slice(0, b.start) + out.slice(b.openEnd) : out;
      const pos = b ? b.start : at;
      out = whole.slice(0, pos) + `<numFmts count="${items.length}">${items.join("")}</numFmts>` + whole.slice(pos);
      continue;
    }
    const opening = out.slice(b.start, b.openEnd);
    const counted = /\bcount="\d+"/.test(opening) ? opening.replace(/\bcount="\d+"/, `count="${b.items.length + items.length}"`) : opening;
    out = out.slice(0, b.start) + counted + out.slice(b.openEnd, b.close) + items.join("") + out.slice(b.close);
  }
  return out;
}

/**
 * Appends to `target` the formats that cells of `source` with the given cellXfs indexes use, and
 * returns the new styles.xml with the index each source xf now has. Identical entries are
 * reused, so aggregating an aggregate's output again does not make styles.xml grow. Source xf 0
 * (the writer's default) maps to the target's default.
 */
export function mergeStyles(target: string, source: string, used: Iterable<number>): { text: string; map: Map<number, number> } {
  if (!/<styleSheet\b/.test(target) || !/<styleSheet\b/.test(source)) throw new Error("styles.xml is not a plain SpreadsheetML stylesheet");
  const list = (text: string, name: string) => block(text, name)?.items ?? [];
  const src = { fonts: list(source, "fonts"), fills: list(source, "fills"), borders: list(source, "borders"), xfs: list(source, "cellXfs"), fmts: list(source, "numFmts") };
  const tgt = { fonts: list(target, "fonts"), fills: list(target, "fills"), borders: list(target, "borders"), xfs: list(target, "cellXfs"), fmts: list(target, "numFmts") };
  if (tgt.xfs.length === 0) throw new Error("styles.xml has no cell formats");
  const added: Record<string, string[]> = { fonts: [], fills: [], borders: [], cellXfs: [], numFmts: [] };

  const reuse = (items: string[], name: string, item: string): number => {
    const at = items.indexOf(item);
    if (at >= 0) return at;
    items.push(item);
    added[name]!.push(item);
    return items.length - 1;
  };
  const formatCodes = (items: string[]) => new Map(items.map((x) => {
    const a = attributes(startTags(x, "numFmt")[0] ?? "");
    return [Number(a.get("numFmtId")), decodeEntities(a.get("formatCode") ?? "")] as const;
  }));
  const srcCodes = formatCodes(src.fmts);
  const tgtCodes = formatCodes(tgt.fmts);
  let nextFmt = Math.max(163, ...tgtCodes.keys()) + 1;
  const numFmt = (id: number): number => {
    const code = srcCodes.get(id);
    if (id < 164 || code === undefined) return id; // built in
    for (const [tid, tcode] of tgtCodes) if (tcode === code) return tid;
    const fresh = nextFmt++;
    tgtCodes.set(fresh, code);
    added["numFmts"]!.push(`<numFmt numFmtId="${fresh}" formatCode="${escapeAttr(code)}"/>`);
    return fresh;
  };

  const map = new Map<number, number>([[0, 0]]);
  for (const index of new Set(used)) {
    if (map.has(index)) continue;
    const xf = src.xfs[index];
    if (xf === undefined) throw new Error(`cell format ${index} is not in styles.xml`);
    const a = attributes(startTags(xf, "xf")[0]!);
    const ref = (key: string, items: string[], mine: string[], name: string) => {
      const item = items[Number(a.get(key) ?? 0)];
      return item === undefined ? 0 : reuse(mine, name, item);
    };
    const ids: Record<string, number> = {
      numFmtId: numFmt(Number(a.get("numFmtId") ?? 0)),
      fontId: ref("fontId", src.fonts, tgt.fonts, "fonts"),
      fillId: ref("fillId", src.fills, tgt.fills, "fills"),
      borderId: ref("borderId", src.borders, tgt.borders, "borders"),
      xfId: 0,
    };
    let rewritten = xf;
    for (const [key, value] of Object.entries(ids)) {
      const re = new RegExp(`(\\s${key}=")\\d+"`);
      rewritten = re.test(rewritten) ? rewritten.replace(re, (_, a: string) => `${a}${value}"`) : rewritten.replace(/^<xf\b/, `<xf ${key}="${value}"`);
    }
    map.set(index, reuse(tgt.xfs, "cellXfs", rewritten));
  }
  return { text: rewrite(target, added), map };
}
