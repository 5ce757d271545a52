/**
 * What a worksheet holds, read from the .xlsx parts themselves rather than through exceljs (whose
 * model is what is under test): every cell's value, formula and resolved style, the sheet's merges,
 * data validations, conditional formats, hyperlinks, comments, columns and row heights. Two
 * workbooks are compared sheet by sheet, so "the output's 宣教部 is the input's 宣教部" can be
 * checked whatever part names, style indexes or shared-string order each writer chose.
 */
import { canonical, kid, kids, Package, type El } from "./xmlParts";

export interface CellModel {
  readonly value: string; // "n:3", "s:text", "b:1", "e:#N/A", "" (blank)
  readonly formula: string; // formula text, "" without one
  readonly style: string; // the cell's resolved format
}

export interface SheetModel {
  readonly cells: Map<string, CellModel>;
  readonly merges: string[];
  readonly validations: string[];
  readonly conditionalFormats: string[];
  readonly hyperlinks: string[];
  readonly comments: Map<string, string>;
  readonly columns: string[];
  readonly rows: string[];
}

/** Text of a shared or inline string: its runs, without phonetic guides; rich runs keep their format. */
function stringText(si: El | undefined): string {
  if (!si) return "";
  const t = kid(si, "t");
  if (t) return t.text;
  return kids(si, "r").map((r) => (kid(r, "rPr") ? `[${fontKey(kid(r, "rPr"))}]` : "") + (kid(r, "t")?.text ?? "")).join("");
}

const TRUE = new Set(["1", "true", ""]);

/** A font (or a rich run's properties) as its meaning: flags normalised, children in name order. */
function fontKey(font: El | undefined): string {
  if (!font) return "";
  const parts = font.children.map((c) => {
    if (["b", "i", "strike", "outline", "shadow", "condense", "extend"].includes(c.name)) return TRUE.has(c.attrs["val"] ?? "") ? c.name : "";
    if (c.name === "u") return (c.attrs["val"] ?? "single") === "none" ? "" : `u=${c.attrs["val"] ?? "single"}`;
    if (c.name === "color") return `color=${colorKey(c)}`;
    // Font-matching hints, not what is shown.
    if (c.name === "charset" || c.name === "family" || c.name === "scheme") return "";
    if (c.name === "sz") return `sz=${Number(c.attrs["val"])}`;
    if (c.name === "vertAlign" && c.attrs["val"] === "baseline") return "";
    return `${c.name}=${c.attrs["val"] ?? ""}`;
  });
  return parts.filter(Boolean).sort().join(";");
}

function colorKey(c: El | undefined): string {
  if (!c || c.attrs["auto"] === "1" || c.attrs["auto"] === "true") return "";
  if (c.attrs["rgb"]) return c.attrs["rgb"].toUpperCase().padStart(8, "F");
  return Object.keys(c.attrs).sort().map((k) => `${k}:${c.attrs[k]}`).join(",");
}

function borderKey(b: El | undefined): string {
  if (!b) return "";
  const sides = b.children
    .filter((s) => s.attrs["style"] && s.attrs["style"] !== "none")
    .map((s) => `${s.name}:${s.attrs["style"]}:${colorKey(kid(s, "color"))}`);
  const diag = ["diagonalUp", "diagonalDown"].filter((k) => TRUE.has(b.attrs[k] ?? "x")).join(",");
  return [...sides.sort(), diag].filter(Boolean).join(" ");
}

function fillKey(f: El | undefined): string {
  const p = kid(f, "patternFill");
  if (p) {
    const type = p.attrs["patternType"] ?? "none";
    return type === "none" ? "" : `${type}:${colorKey(kid(p, "fgColor"))}:${type === "solid" ? "" : colorKey(kid(p, "bgColor"))}`;
  }
  return canonical(kid(f, "gradientFill"));
}

/** Alignment attributes at their default value say nothing. */
const ALIGN_DEFAULT: Record<string, string[]> = {
  horizontal: ["general"], vertical: ["bottom"], indent: ["0"], textRotation: ["0"], readingOrder: ["0"],
  wrapText: ["0", "false"], shrinkToFit: ["0", "false"], justifyLastLine: ["0", "false"], relativeIndent: ["0"],
};

/** Built-in number formats by id (ECMA-376 18.8.30), as far as writers use them. */
const BUILTIN_FORMATS: Record<string, string> = {
  "0": "General", "1": "0", "2": "0.00", "3": "#,##0", "4": "#,##0.00", "9": "0%", "10": "0.00%", "11": "0.00E+00",
  "12": "# ?/?", "13": "# ??/??", "14": "mm-dd-yy", "15": "d-mmm-yy", "16": "d-mmm", "17": "mmm-yy", "18": "h:mm AM/PM",
  "19": "h:mm:ss AM/PM", "20": "h:mm", "21": "h:mm:ss", "22": "m/d/yy h:mm", "37": "#,##0 ;(#,##0)", "38": "#,##0 ;[Red](#,##0)",
  "39": "#,##0.00;(#,##0.00)", "40": "#,##0.00;[Red](#,##0.00)", "45": "mm:ss", "46": "[h]:mm:ss", "47": "mmss.0", "48": "##0.0E+0", "49": "@",
};

/** Each cellXfs entry resolved to what it means (the format a cell shows), so indexes can differ. */
async function styleKeys(pkg: Package): Promise<string[]> {
  const styles = await pkg.xml("xl/styles.xml");
  const formats = new Map(kids(kid(styles, "numFmts"), "numFmt").map((n) => [n.attrs["numFmtId"] ?? "", n.attrs["formatCode"] ?? ""]));
  const fonts = kids(kid(styles, "fonts"), "font");
  const fills = kids(kid(styles, "fills"), "fill");
  const borders = kids(kid(styles, "borders"), "border");
  return kids(kid(styles, "cellXfs"), "xf").map((xf) => {
    const id = xf.attrs["numFmtId"] ?? "0";
    const align = kid(xf, "alignment");
    const prot = kid(xf, "protection");
    return [
      // A backslash escapes a literal character that needs no escape ("yyyy\\-mm" shows as "yyyy-mm").
      `fmt=${(formats.get(id) ?? BUILTIN_FORMATS[id] ?? `#${id}`).replace(/\\([-/:() ])/g, "$1")}`,
      `font=${fontKey(fonts[Number(xf.attrs["fontId"] ?? 0)])}`,
      `fill=${fillKey(fills[Number(xf.attrs["fillId"] ?? 0)])}`,
      `border=${borderKey(borders[Number(xf.attrs["borderId"] ?? 0)])}`,
      `align=${align ? Object.keys(align.attrs).sort().filter((k) => !ALIGN_DEFAULT[k]?.includes(align.attrs[k]!)).map((k) => `${k}:${align.attrs[k]}`).join(",") : ""}`,
      `protect=${prot ? Object.keys(prot.attrs).sort().map((k) => `${k}:${TRUE.has(prot.attrs[k]!) ? 1 : 0}`).filter((s) => s !== "locked:1" && s !== "hidden:0").join(",") : ""}`,
    ].join(" ");
  });
}

/** Every worksheet of the package, by name, as a SheetModel. */
export async function workbookModel(bytes: Uint8Array): Promise<Map<string, SheetModel>> {
  const pkg = await Package.load(bytes);
  const sst = kids(await pkg.xml("xl/sharedStrings.xml"), "si").map(stringText);
  const styles = await styleKeys(pkg);
  const out = new Map<string, SheetModel>();
  for (const s of await pkg.sheets()) out.set(s.name, await sheetModel(pkg, s.part, sst, styles));
  return out;
}

async function sheetModel(pkg: Package, part: string, sst: string[], styles: string[]): Promise<SheetModel> {
  const ws = (await pkg.xml(part))!;
  const cells = new Map<string, CellModel>();
  const rowStyle = new Map<string, string>();
  const rows: string[] = [];
  const shared = new Map<string, { formula: string; ref: string }>();
  for (const row of kids(kid(ws, "sheetData"), "row")) {
    const r = row.attrs["r"] ?? "";
    if (row.attrs["customHeight"] && TRUE.has(row.attrs["customHeight"])) rows.push(`${r}:ht=${Number(row.attrs["ht"])}`);
    if (TRUE.has(row.attrs["hidden"] ?? "x")) rows.push(`${r}:hidden`);
    if (row.attrs["s"] && TRUE.has(row.attrs["customFormat"] ?? "x")) rowStyle.set(r, styles[Number(row.attrs["s"])] ?? "");
    for (const c of kids(row, "c")) {
      const ref = c.attrs["r"] ?? "";
      const t = c.attrs["t"] ?? "n";
      const v = kid(c, "v")?.text ?? null;
      const f = kid(c, "f");
      let value = "";
      if (t === "s") value = `s:${sst[Number(v)] ?? `?${v}`}`;
      else if (t === "inlineStr") value = `s:${stringText(kid(c, "is"))}`;
      else if (t === "str") value = v === null || v === "" ? "" : `s:${v}`;
      else if (t === "b") value = `b:${v === "1" || v === "true" ? 1 : 0}`;
      else if (t === "e") value = `e:${v}`;
      else if (v !== null && v !== "") value = `n:${Number(v)}`;
      let formula = f ? f.text : "";
      if (f && f.attrs["t"] === "shared") {
        const si = f.attrs["si"] ?? "";
        if (f.text) shared.set(si, { formula: f.text, ref });
        else formula = `shared:${shared.get(si)?.formula ?? "?"}@${shared.get(si)?.ref ?? "?"}`;
      }
      if (f && f.attrs["t"] === "array") formula = `{${formula}}`;
      const style = c.attrs["s"] !== undefined ? styles[Number(c.attrs["s"])] ?? "" : styles[0] ?? "";
      if (value === "" && formula === "" && style === (styles[0] ?? "")) continue; // an empty default cell is no cell
      cells.set(ref, { value, formula, style });
    }
  }
  const sqrefSorted = (s: string | undefined) => (s ?? "").split(/\s+/).filter(Boolean).sort().join(" ");
  // Per cell: writers split and join validation ranges differently.
  const validations = kids(kid(ws, "dataValidations"), "dataValidation").flatMap((d) => {
    const attrs = Object.fromEntries(Object.entries(d.attrs).filter(([k, val]) => val !== "0" && k !== "uid" && k !== "sqref" && !(k === "operator" && val === "between")));
    const rule = canonical({ ...d, attrs });
    return cellsOf(d.attrs["sqref"] ?? "").map((cell) => `${cell} ${rule}`);
  });
  const conditionalFormats = kids(ws, "conditionalFormatting").flatMap((cf) =>
    kids(cf, "cfRule").map((rule) => `${sqrefSorted(cf.attrs["sqref"])} ${rule.attrs["type"]} ${rule.attrs["operator"] ?? ""} ${kids(rule, "formula").map((x) => x.text).join(";")}`),
  );
  const rels = await pkg.rels(part);
  const hyperlinks = kids(kid(ws, "hyperlinks"), "hyperlink").map((h) => {
    const rel = h.attrs["id"] ? rels.get(h.attrs["id"]) : undefined;
    return `${h.attrs["ref"]} ${rel?.target ?? ""}#${h.attrs["location"] ?? ""}`;
  });
  const comments = new Map<string, string>();
  for (const rel of rels.values()) {
    if (!/\/comments$/.test(rel.type)) continue;
    for (const c of kids(kid(await pkg.xml(rel.target), "commentList"), "comment")) {
      comments.set(c.attrs["ref"] ?? "", kids(kid(c, "text"), "t").map((t) => t.text).join("") + kids(kid(c, "text"), "r").map((r) => kid(r, "t")?.text ?? "").join(""));
    }
  }
  const columns = kids(kid(ws, "cols"), "col").map((c) => `${c.attrs["min"]}-${c.attrs["max"]}:w=${c.attrs["width"] ? Number(c.attrs["width"]).toFixed(2) : ""}${TRUE.has(c.attrs["hidden"] ?? "x") ? ":hidden" : ""}`);
  for (const [ref, style] of rowStyle) if (!cells.has(`row${ref}`)) cells.set(`row${ref}`, { value: "", formula: "", style });
  return { cells, merges: kids(kid(ws, "mergeCells"), "mergeCell").map((m) => m.attrs["ref"] ?? "").sort(), validations: validations.sort(), conditionalFormats: conditionalFormats.sort(), hyperlinks: hyperlinks.sort(), comments, columns, rows };
}

/** The cells of "A1:B2 D4" (a range too large to list stays as written). */
function cellsOf(sqref: string): string[] {
  const col = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const name = (n: number): string => (n > 26 ? name(Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
  return sqref.split(/\s+/).filter(Boolean).flatMap((range) => {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(range);
    if (!m) return [range];
    const [c1, r1, c2, r2] = [col(m[1]!), Number(m[2]), col(m[3] ?? m[1]!), Number(m[4] ?? m[2])];
    if ((c2 - c1 + 1) * (r2 - r1 + 1) > 100_000) return [range];
    const out: string[] = [];
    for (let c = c1; c <= c2; c++) for (let r = r1; r <= r2; r++) out.push(`${name(c)}${r}`);
    return out;
  });
}

/** Differences between two sheets, one line each ("C6 formula: '[1]A!B1' ≠ ''"), at most `limit`. */
export function sheetDifferences(a: SheetModel, b: SheetModel, limit = 20): string[] {
  const out: string[] = [];
  const refs = new Set([...a.cells.keys(), ...b.cells.keys()]);
  for (const ref of refs) {
    const x = a.cells.get(ref);
    const y = b.cells.get(ref);
    for (const k of ["value", "formula", "style"] as const) {
      if ((x?.[k] ?? "") !== (y?.[k] ?? "")) out.push(`${ref} ${k}: ${JSON.stringify(x?.[k] ?? "")} ≠ ${JSON.stringify(y?.[k] ?? "")}`);
    }
  }
  for (const k of ["merges", "validations", "conditionalFormats", "hyperlinks", "columns", "rows"] as const) {
    const missing = a[k].filter((x) => !b[k].includes(x));
    const added = b[k].filter((x) => !a[k].includes(x));
    for (const m of missing) out.push(`${k} lost: ${m}`);
    for (const m of added) out.push(`${k} added: ${m}`);
  }
  for (const ref of new Set([...a.comments.keys(), ...b.comments.keys()])) {
    if (a.comments.get(ref) !== b.comments.get(ref)) out.push(`comment ${ref}: ${JSON.stringify(a.comments.get(ref) ?? null)} ≠ ${JSON.stringify(b.comments.get(ref) ?? null)}`);
  }
  return out.slice(0, limit);
}
