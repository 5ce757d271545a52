import { describe, expect, it } from "vitest";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { cli, expectExit, load, scratchDir, sheet, show } from "./helpers";
import { LINKED, linkedWorkbook } from "../fixtures/linkedWorkbook";
import { libreOfficeAvailable, readCachedValues, recalcWithLibreOffice } from "../support/libreoffice";
import { expectSummaryMatches } from "../support/summaryParity";
import { readBack } from "../support/workbooks";

/**
 * Issue 9 §3: a workbook whose cells link to other workbooks. The output used to keep the formula
 * `[1]Sheet1!$A$1` but drop xl/externalLinks/*, so LibreOffice (like Excel and WPS) showed #NAME?
 * in 宣教部!C6 and 渝中区's total fell by 3 points (94.37 → 91.37) without a word.
 */
const available = libreOfficeAvailable();
if (!available && process.env["CI"]) throw new Error("LibreOffice (soffice) is required in CI: .ci/run installs libreoffice-calc-nogui");

async function linkedFixture(): Promise<{ dir: string; input: string; out: string }> {
  const dir = scratchDir();
  const input = join(dir, "评价（含外部链接）.xlsx");
  writeFileSync(input, await linkedWorkbook());
  return { dir, input, out: join(dir, "汇总.xlsx") };
}

describe("aggregate keeps links to other workbooks", () => {
  it("the output carries the external-link parts, their relationships and the formula that uses them", async () => {
    const { input, out } = await linkedFixture();
    const r = await cli(["aggregate", input, "--out", out]);
    expectExit(r, 0);
    expect(r.stdout, show(r)).not.toContain("⚠");
    const zip = await JSZip.loadAsync(readFileSync(out));
    const inZip = await JSZip.loadAsync(readFileSync(input));
    for (const part of ["xl/externalLinks/externalLink1.xml", "xl/externalLinks/_rels/externalLink1.xml.rels"]) {
      expect(await zip.file(part)?.async("string"), part).toBe(await inZip.file(part)!.async("string"));
    }
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    const rels = await zip.file("xl/_rels/workbook.xml.rels")!.async("string");
    const types = await zip.file("[Content_Types].xml")!.async("string");
    const id = /<externalReference r:id="([^"]+)"\/>/.exec(workbook)?.[1];
    expect(id, "workbook.xml lists the external reference").toBeDefined();
    expect(rels).toMatch(new RegExp(`Id="${id}" Type="[^"]+/externalLink" Target="externalLinks/externalLink1.xml"`));
    expect(types).toContain('PartName="/xl/externalLinks/externalLink1.xml"');
    // [1] is the first <externalReference>: still this one.
    expect(workbook.match(/<externalReference /g)).toHaveLength(1);
    const c6 = sheet(await load(out), LINKED.sheet).getCell(LINKED.cell);
    expect(c6.formula).toBe(LINKED.formula);
    expect(c6.result).toBe(LINKED.value);
  });

  it.skipIf(!available)("LibreOffice resolves the link in the output: 宣教部!C6 stays 3 and every total equals the engine's", async () => {
    const { dir, input, out } = await linkedFixture();
    expectExit(await cli(["aggregate", input, "--out", out]), 0);
    const [recalculated] = await recalcWithLibreOffice([out], join(dir, "lo"));
    const c6 = (await readCachedValues(recalculated!, LINKED.sheet))[5]![2];
    expect(c6, "宣教部!C6 after LibreOffice recalculated").toBe(LINKED.value);
    const { reading } = await readBack(input);
    if (!reading.ok) throw new Error("fixture unreadable");
    const unit = reading.evaluation.units.find((u) => u.unit === LINKED.unit)!;
    const row = (await readCachedValues(recalculated!, "汇总")).find((x) => x[1] === LINKED.unit)!;
    expect(row[7], `${LINKED.unit}'s total`).toBeCloseTo(unit.total, 2);
    expect(await expectSummaryMatches(recalculated!, reading.evaluation)).toBe(reading.evaluation.units.length);
  }, 240_000);
});
