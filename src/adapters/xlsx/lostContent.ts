/**
 * What an output written by exceljs alone would leave out of the input: the parts exceljs 4.4.0
 * does not model, found in the package by relationship type, so each can be reported by sheet
 * instead of disappearing without a word.
 */
import { openZip, readText, type ZipPackage } from "./zipPackage";
import { parseRelationships, relsPartOf } from "./opc";
import { attributes, startTags } from "./xmlText";
import type { LostKind } from "./writeMessages";

const WORKBOOK = "xl/workbook.xml";

async function relsOf(pkg: ZipPackage, part: string) {
  return parseRelationships(await readText(pkg, relsPartOf(part)), part);
}

/** By sheet name, what of it exceljs would drop; and whether the workbook links to other workbooks. */
export async function lostContent(input: Uint8Array): Promise<{ sheets: Map<string, LostKind[]>; externalLinks: boolean }> {
  const pkg = await openZip(input, "input");
  const sheets = new Map<string, LostKind[]>();
  if (!("entries" in pkg)) return { sheets, externalLinks: false };
  const workbook = (await readText(pkg, WORKBOOK)) ?? "";
  const wbRels = await relsOf(pkg, WORKBOOK);
  const add = (sheet: string, kind: LostKind) => {
    const list = sheets.get(sheet) ?? [];
    if (!list.includes(kind)) list.push(kind);
    sheets.set(sheet, list);
  };
  for (const tag of startTags(workbook, "sheet")) {
    const a = attributes(tag);
    const name = a.get("name") ?? "";
    const rid = [...a].find(([k]) => k === "r:id" || k.endsWith(":id"))?.[1];
    const rel = wbRels.find((r) => r.id === rid);
    if (!rel || rel.external) continue;
    if (/\/chartsheet$/.test(rel.type)) {
      add(name, "chartSheet");
      continue;
    }
    for (const r of await relsOf(pkg, rel.target)) {
      if (/\/pivotTable$/.test(r.type)) add(name, "pivot");
      else if (/\/threadedComment$/.test(r.type)) add(name, "threadedComment");
      else if (/\/(slicer|timeline)$/.test(r.type)) add(name, "slicer");
      else if (/\/drawing$/.test(r.type) && !r.external) {
        const drawing = (await readText(pkg, r.target)) ?? "";
        // Pictures exceljs keeps; charts, shapes and text boxes it drops.
        if ((await relsOf(pkg, r.target)).some((x) => /\/chart$/.test(x.type))) add(name, "chart");
        if (/<(?:\w+:)?(?:sp|grpSp|cxnSp)\b/.test(drawing)) add(name, "shape");
      }
    }
    const xml = (await readText(pkg, rel.target)) ?? "";
    // Cells showing rich values (pictures in cells, linked data types) carry a value-metadata index.
    if (wbRels.some((r) => /\/sheetMetadata$/.test(r.type)) && /<c\b[^>]*\svm="/.test(xml)) add(name, "cellImage");
  }
  return { sheets, externalLinks: wbRels.some((r) => /\/externalLink$/.test(r.type)) };
}
