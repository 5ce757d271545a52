/**
 * The package layer of an .xlsx (Open Packaging Conventions): relationships, content types and
 * part names, edited as text so that every part nobody needs to change keeps its exact bytes.
 */
import { attributes, startTags } from "./xmlText";

export interface Relationship {
  readonly id: string;
  readonly type: string;
  /** The part it points to ("xl/worksheets/sheet1.xml"), or the target as written when external. */
  readonly target: string;
  readonly external: boolean;
}

/** "xl/worksheets/sheet1.xml" → "xl/worksheets/_rels/sheet1.xml.rels" ("" → "_rels/.rels"). */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** The part a relationship of `source` points to: targets are relative to the source's folder. */
export function resolveTarget(source: string, target: string): string {
  const dir = source.slice(0, source.lastIndexOf("/") + 1);
  const path = target.replace(/\\/g, "/");
  const joined = path.startsWith("/") ? path.slice(1) : dir + path;
  const out: string[] = [];
  for (const seg of joined.split("/")) {
    if (seg === "..") out.pop();
    else if (seg !== "." && seg !== "") out.push(seg);
  }
  return out.join("/");
}

/** The relative target that leads from `source` to `part`. */
export function relativeTarget(source: string, part: string): string {
  const from = source.split("/").slice(0, -1);
  const to = part.split("/");
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => ".."), ...to.slice(common)].join("/");
}

export function parseRelationships(text: string | null, source: string): Relationship[] {
  if (!text) return [];
  return startTags(text, "Relationship").map((tag) => {
    const a = attributes(tag);
    const external = a.get("TargetMode") === "External";
    const target = a.get("Target") ?? "";
    return { id: a.get("Id") ?? "", type: a.get("Type") ?? "", external, target: external ? target : resolveTarget(source, target) };
  });
}

export function escapeAttr(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

export function relationshipXml(id: string, type: string, target: string): string {
  return `<Relationship Id="${escapeAttr(id)}" Type="${escapeAttr(type)}" Target="${escapeAttr(target)}"/>`;
}

export function relationshipsXml(items: readonly string[]): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${items.join("")}</Relationships>`;
}

/** Relationships whose Id is in `ids` taken out of a .rels text; the others keep their bytes. */
export function withoutRelationships(text: string, ids: ReadonlySet<string>): string {
  return text.replace(/<(?:[\w.-]+:)?Relationship\b[^>]*?\/>/g, (tag) => (ids.has(attributes(tag).get("Id") ?? "") ? "" : tag));
}

/** Appended just before the closing tag of the root element. */
export function beforeRootEnd(text: string, root: string, insert: string): string {
  const at = text.lastIndexOf(`</${root}>`);
  if (at < 0) throw new Error(`no </${root}>`);
  return text.slice(0, at) + insert + text.slice(at);
}

/** An id not yet used: rId1, rId2, … */
export function freshId(taken: Set<string>, prefix = "rId"): string {
  for (let n = taken.size + 1; ; n++) {
    const id = `${prefix}${n}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A part name not yet used, like `wanted` with its number changed: xl/comments1.xml → xl/comments4.xml. */
export function freshPartName(taken: Set<string>, wanted: string): string {
  const m = /^(.*?)(\d*)(\.[^./]+)$/.exec(wanted);
  const [stem, ext] = m ? [m[1]!, m[3]!] : [wanted, ""];
  for (let n = 1; ; n++) {
    const name = `${stem}${n}${ext}`;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** The content type [Content_Types].xml gives a part: its override, else the default for its extension. */
export function contentTypeOf(types: string, part: string): string | null {
  const wanted = `/${part}`.toLowerCase();
  for (const tag of startTags(types, "Override")) {
    const a = attributes(tag);
    if ((a.get("PartName") ?? "").toLowerCase() === wanted) return a.get("ContentType") ?? null;
  }
  const ext = part.slice(part.lastIndexOf(".") + 1).toLowerCase();
  for (const tag of startTags(types, "Default")) {
    const a = attributes(tag);
    if ((a.get("Extension") ?? "").toLowerCase() === ext) return a.get("ContentType") ?? null;
  }
  return null;
}

export function withOverride(types: string, part: string, contentType: string): string {
  return beforeRootEnd(types, "Types", `<Override PartName="/${escapeAttr(part)}" ContentType="${escapeAttr(contentType)}"/>`);
}

/** Overrides of the given parts removed (names compared as OPC does, ignoring case). */
export function withoutOverrides(types: string, parts: Iterable<string>): string {
  const gone = new Set([...parts].map((p) => `/${p}`.toLowerCase()));
  return types.replace(/<(?:[\w.-]+:)?Override\b[^>]*?\/>/g, (tag) => (gone.has((attributes(tag).get("PartName") ?? "").toLowerCase()) ? "" : tag));
}
