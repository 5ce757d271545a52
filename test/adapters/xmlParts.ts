/**
 * Reading an .xlsx package's parts for tests, without exceljs: a linear XML parse (parts can be
 * megabytes), relationships, the workbook's sheets, and the package's own consistency (every
 * part typed, every relationship target present), which any spreadsheet program relies on.
 */
import JSZip from "jszip";

export interface El {
  readonly name: string; // local name, prefix dropped
  readonly attrs: Record<string, string>; // local names, xmlns declarations dropped
  readonly children: El[];
  text: string;
}

const ENTITY: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };
const decode = (s: string) =>
  s.replace(/\r\n?/g, "\n").replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (m, e: string) =>
    e.startsWith("#x") ? String.fromCodePoint(parseInt(e.slice(2), 16)) : e.startsWith("#") ? String.fromCodePoint(parseInt(e.slice(1), 10)) : (ENTITY[e] ?? m));
const local = (q: string) => q.slice(q.indexOf(":") + 1);

/** A linear, non-validating parse (parts here can be megabytes): tags, attributes, text, CDATA. */
export function parse(xml: string): El {
  const root: El = { name: "#root", attrs: {}, children: [], text: "" };
  const stack: El[] = [root];
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)/g;
  for (const m of xml.matchAll(re)) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.text += m[1];
    else if (m[6] !== undefined) top.text += decode(m[6]);
    else if (m[3] !== undefined) {
      if (m[2] === "/") {
        stack.pop();
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
        if (a[1] === "xmlns" || a[1]!.startsWith("xmlns:")) continue;
        const value = decode(a[2] ?? a[3] ?? "");
        // xsd:boolean: "true"/"1" and "false"/"0" are the same value.
        attrs[local(a[1]!)] = value === "true" ? "1" : value === "false" ? "0" : value;
      }
      const el: El = { name: local(m[3]), attrs, children: [], text: "" };
      top.children.push(el);
      if (m[5] !== "/") stack.push(el);
    }
  }
  return root.children[0] ?? root;
}

export const kids = (el: El | undefined, name: string): El[] => el?.children.filter((c) => c.name === name) ?? [];
export const kid = (el: El | undefined, name: string): El | undefined => el?.children.find((c) => c.name === name);

/** Attributes sorted, children in order, text trimmed: equal strings mean equal elements. */
export function canonical(el: El | undefined): string {
  if (!el) return "";
  const attrs = Object.keys(el.attrs).sort().map((k) => `${k}=${JSON.stringify(el.attrs[k])}`).join(" ");
  return `<${el.name}${attrs ? " " + attrs : ""}>${el.children.map(canonical).join("")}${el.text.trim()}</${el.name}>`;
}

interface Rel {
  readonly type: string;
  readonly target: string; // part name, or the external target as written
  readonly external: boolean;
}

export class Package {
  private constructor(readonly zip: JSZip) {}

  static async load(bytes: Uint8Array): Promise<Package> {
    return new Package(await JSZip.loadAsync(bytes));
  }

  names(): string[] {
    return Object.keys(this.zip.files).filter((n) => !this.zip.files[n]!.dir).map((n) => n.replace(/\\/g, "/"));
  }

  async text(name: string): Promise<string | null> {
    const entry = this.zip.file(name) ?? this.zip.file(name.replace(/\//g, "\\"));
    return entry ? entry.async("string") : null;
  }

  async xml(name: string): Promise<El | undefined> {
    const t = await this.text(name);
    return t === null ? undefined : parse(t);
  }

  /** Relationships of a part by id ("xl/workbook.xml" → its rIds). */
  async rels(part: string): Promise<Map<string, Rel>> {
    const dir = part.slice(0, part.lastIndexOf("/") + 1);
    const doc = await this.xml(`${dir}_rels/${part.slice(dir.length)}.rels`);
    const out = new Map<string, Rel>();
    for (const r of kids(doc, "Relationship")) {
      const external = r.attrs["TargetMode"] === "External";
      const target = r.attrs["Target"] ?? "";
      out.set(r.attrs["Id"] ?? "", { type: r.attrs["Type"] ?? "", external, target: external ? target : resolve(dir, target) });
    }
    return out;
  }

  /** Worksheets by name, with their part names, in workbook order. */
  async sheets(): Promise<{ name: string; part: string; state: string }[]> {
    const wb = await this.xml("xl/workbook.xml");
    const rels = await this.rels("xl/workbook.xml");
    return kids(kid(wb, "sheets"), "sheet")
      .map((s) => ({ name: s.attrs["name"] ?? "", rel: rels.get(s.attrs["id"] ?? ""), state: s.attrs["state"] ?? "visible" }))
      .filter((s) => s.rel && /\/worksheet$/.test(s.rel.type))
      .map((s) => ({ name: s.name, part: s.rel!.target, state: s.state }));
  }
}

function resolve(dir: string, target: string): string {
  const joined = target.startsWith("/") ? target.slice(1) : dir + target;
  const out: string[] = [];
  for (const seg of joined.replace(/\\/g, "/").split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}


/** The content type of a part: its override, else its extension's default. */
async function contentType(pkg: Package, part: string): Promise<string | null> {
  const types = await pkg.xml("[Content_Types].xml");
  const override = kids(types, "Override").find((o) => (o.attrs["PartName"] ?? "").toLowerCase() === `/${part}`.toLowerCase());
  if (override) return override.attrs["ContentType"] ?? null;
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  return kids(types, "Default").find((d) => (d.attrs["Extension"] ?? "").toLowerCase() === ext)?.attrs["ContentType"] ?? null;
}

/**
 * What would make Excel "repair" the file: a part without a content type, an override for a part
 * that is not there, a relationship to a missing part, two sheets with one name or one id, a
 * defined name local to a sheet that does not exist, more or fewer than one selected tab.
 */
export async function packageProblems(bytes: Uint8Array): Promise<string[]> {
  const pkg = await Package.load(bytes);
  const names = new Set(pkg.names());
  const out: string[] = [];
  for (const name of names) {
    if (name === "[Content_Types].xml") continue;
    if (!(await contentType(pkg, name))) out.push(`${name} has no content type`);
  }
  for (const o of kids(await pkg.xml("[Content_Types].xml"), "Override")) {
    const part = (o.attrs["PartName"] ?? "").slice(1);
    if (![...names].some((n) => n.toLowerCase() === part.toLowerCase())) out.push(`override for missing ${part}`);
  }
  for (const name of names) {
    const m = /^(.*?)_rels\/([^/]*)\.rels$/.exec(name);
    if (!m) continue;
    const source = m[1]! + m[2]!;
    if (source && !names.has(source)) out.push(`${name} belongs to no part`);
    for (const [id, rel] of await pkg.rels(source)) if (!rel.external && !names.has(rel.target)) out.push(`${name} ${id} → missing ${rel.target}`);
  }
  const wb = await pkg.xml("xl/workbook.xml");
  const sheets = kids(kid(wb, "sheets"), "sheet");
  const dup = (key: string) => sheets.map((s) => s.attrs[key]).filter((v, i, all) => all.indexOf(v) !== i);
  if (dup("name").length) out.push(`sheet names repeated: ${dup("name").join(", ")}`);
  if (dup("sheetId").length) out.push(`sheet ids repeated: ${dup("sheetId").join(", ")}`);
  for (const n of kids(kid(wb, "definedNames"), "definedName")) {
    const local = n.attrs["localSheetId"];
    if (local !== undefined && Number(local) >= sheets.length) out.push(`defined name ${n.attrs["name"]} local to sheet ${local} of ${sheets.length}`);
  }
  let selected = 0;
  for (const s of await pkg.sheets()) {
    const view = kid(kid(await pkg.xml(s.part), "sheetViews"), "sheetView");
    if (view?.attrs["tabSelected"] === "1") selected++;
  }
  if (selected > 1) out.push(`${selected} sheets selected at once (Excel would edit them together)`);
  return out;
}
