import { describe, expect, it } from "vitest";
import JSZip from "jszip";
import { planToWorkbook, workbookBytes } from "../../src/adapters/xlsx/xlsxFile";
import { DEFAULT_FOOTER } from "../../src/adapters/xlsx/render";
import type { SheetSpec } from "../../src/workbook/plan";

/** What the xlsx renderer writes for a sheet's print set-up, row heights, protection and links. */
async function written(sheets: SheetSpec[]): Promise<{ workbook: string; sheet: (i: number) => Promise<string>; styles: string }> {
  const zip = await JSZip.loadAsync(await workbookBytes(await planToWorkbook({ sheets, placement: "last" })));
  return {
    workbook: await zip.file("xl/workbook.xml")!.async("string"),
    sheet: (i) => zip.file(`xl/worksheets/sheet${i}.xml`)!.async("string"),
    styles: await zip.file("xl/styles.xml")!.async("string"),
  };
}

const cell = (value: string) => ({ value, style: "label" as const });

describe("print set-up in the file", () => {
  const printed: SheetSpec = {
    name: "表一",
    rows: Array.from({ length: 30 }, (_, r) => [cell(`a${r}`), cell(`b${r}`), cell(`c${r}`)]),
    columnWidths: [6, 10, 10],
    merges: [],
    rowHeights: { 0: 30, 4: 44.25 },
    print: { landscape: true, titleRows: "3:4", titleColumns: "A:B", area: "A1:C25", fitToWidth: 2, breaksBefore: [12, 20] },
  };

  it("A4, landscape, fitted to the width only, numbered from 1, with margins", async () => {
    const xml = await (await written([printed])).sheet(1);
    const setup = xml.match(/<pageSetup [^>]*\/>/)![0];
    expect(setup).toContain('paperSize="9"');
    expect(setup).toContain('orientation="landscape"');
    expect(setup).toContain('fitToWidth="2"');
    expect(setup).toContain('fitToHeight="0"');
    expect(setup).toContain('useFirstPageNumber="1"');
    expect(xml).toMatch(/<sheetPr[^>]*>.*<pageSetUpPr fitToPage="1"\/>/);
    expect(xml).toMatch(/<pageMargins left="0.4" right="0.4" top="0.45" bottom="0.5" header="0.2" footer="0.2"\/>/);
  });

  it("the page-number footer on every sheet with a print spec, its own footer when given", async () => {
    const other: SheetSpec = { ...printed, name: "表二", print: { landscape: false, footer: "&P/&N" } };
    const files = await written([printed, other]);
    expect(await files.sheet(1)).toContain(`<oddFooter>&amp;C${DEFAULT_FOOTER.replace(/&/g, "&amp;")}</oddFooter>`);
    expect(DEFAULT_FOOTER).toBe("第 &P 页 共 &N 页");
    expect(await files.sheet(2)).toContain("<oddFooter>&amp;C&amp;P/&amp;N</oddFooter>");
    expect(await files.sheet(2)).toMatch(/<pageSetup [^>]*scale="100"/);
  });

  it("print titles and print area as the sheet's defined names", async () => {
    const { workbook } = await written([printed]);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;表一&apos;!$A$1:$C$25</definedName>`);
    expect(workbook).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;表一&apos;!$A:$B,&apos;表一&apos;!$3:$4</definedName>`);
  });

  it("manual breaks above the rows that start a page, and explicit row heights", async () => {
    const xml = await (await written([printed])).sheet(1);
    // A break "after row 12" (1-based) is above 0-based row 12.
    expect(xml).toMatch(/<rowBreaks count="2" manualBreakCount="2"><brk id="12" max="16383" man="1"\/><brk id="20" max="16383" man="1"\/><\/rowBreaks>/);
    expect(xml).toMatch(/<row r="1" [^>]*ht="30" customHeight="1"/);
    expect(xml).toMatch(/<row r="5" [^>]*ht="44.25" customHeight="1"/);
    expect(xml).not.toMatch(/<row r="2" [^>]*customHeight/);
  });

  it("a protected sheet has no password and lets rows and columns be resized; input cells are unlocked and shaded", async () => {
    const sheet: SheetSpec = { name: "表一", rows: [[{ value: 1, style: "input" }, { value: "x", style: "label" }]], columnWidths: [8, 8], merges: [], protect: true };
    const files = await written([sheet]);
    const protection = (await files.sheet(1)).match(/<sheetProtection [^>]*\/>/)![0];
    expect(protection).toContain('sheet="1"');
    expect(protection).not.toMatch(/hashValue|password/);
    expect(protection).toContain('formatRows="0"');
    expect(protection).toContain('formatColumns="0"');
    const xfs = files.styles.match(/<cellXfs[^>]*>([\s\S]*?)<\/cellXfs>/)![1]!;
    const unlocked = xfs.match(/<xf [^>]*>(?:(?!<\/xf>)[\s\S])*<protection locked="0"\/>/g) ?? [];
    expect(unlocked).toHaveLength(1);
    expect(unlocked[0]).toMatch(/fillId="[1-9]\d*"/);
  });

  it("an in-workbook link is a HYPERLINK formula to the cell, with the address as its text", async () => {
    const sheet: SheetSpec = { name: "明细", rows: [[{ value: "宣教部!C6", style: "label", link: "'宣教部'!C6" }]], columnWidths: [12], merges: [] };
    const xml = await (await written([sheet])).sheet(1);
    expect(xml).toContain("<f>HYPERLINK(&quot;#&apos;宣教部&apos;!C6&quot;,&quot;宣教部!C6&quot;)</f>");
    expect(xml).toContain("<v>宣教部!C6</v>");
    // Not a cell hyperlink: exceljs would give it an external relationship LibreOffice opens as a file.
    expect(xml).not.toContain("<hyperlink ");
  });
});

describe("print areas of sheets read from a file", () => {
  it("are written back absolute, as they were read (exceljs would write $A1:$H29, whose rows LibreOffice takes as relative)", async () => {
    const { openXlsx } = await import("../../src/adapters/xlsx/openXlsx");
    const { applyPlan } = await import("../../src/adapters/xlsx/render");
    const input: SheetSpec = { name: "输入", rows: [[cell("a")]], columnWidths: [8], merges: [], print: { landscape: false, area: "A1:H29" } };
    const opened = await openXlsx(await workbookBytes(await planToWorkbook({ sheets: [input], placement: "last" })), "in.xlsx");
    if (!opened.ok) throw new Error("unreadable");
    await applyPlan(opened.workbook, { sheets: [{ ...input, name: "输出", print: { landscape: false } }], placement: "first" });
    const zip = await JSZip.loadAsync(await workbookBytes(opened.workbook));
    const workbook = await zip.file("xl/workbook.xml")!.async("string");
    expect(workbook).toContain("&apos;输入&apos;!$A$1:$H$29</definedName>");
  });
});
