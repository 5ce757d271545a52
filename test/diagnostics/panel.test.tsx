import { describe, expect, it } from "vitest";
import { renderPane as render } from "../support/renderPane";
import { DiagnosticsPanel } from "../../taskpane/components/DiagnosticsPanel";
import { diagnostic } from "../../src/diagnostics/diagnostic";


const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const unknown = (sheet: string, cell: string) =>
  diagnostic("error", "unit.unknown", { zh: "未知区县“垃圾”。", en: "Unknown unit." }, { sheet, cell });

describe("DiagnosticsPanel with a repeated problem", () => {
  it("shows 20 per kind and sheet, then one line with the count and the range; the heading counts them all", () => {
    const ds = [...Array.from({ length: 100 }, (_, i) => unknown("综合评估", `C${i + 45}`)), unknown("宣教部", "B7")];
    const t = text(render(<DiagnosticsPanel diagnostics={ds} onSelect={() => undefined} />));
    expect(t).toContain("101 个错误");
    expect(t).toContain("综合评估（100）");
    expect(t.match(/综合评估!C\d+ 未知区县/g)).toHaveLength(20);
    expect(t).toContain("综合评估!C64 未知区县");
    expect(t).not.toContain("综合评估!C65 未知区县");
    expect(t).toContain("另有 80 处同类错误（综合评估!C65:C144），处理方法同上。");
    expect(t).toContain("宣教部!B7 未知区县");
  });

  it("renders 50,000 diagnostics of one sheet as 21 lines, in English too", () => {
    const ds = Array.from({ length: 50_000 }, (_, i) => unknown("加分扣分", `B${i + 4}`));
    const html = render(<DiagnosticsPanel diagnostics={ds} onSelect={() => undefined} />, "en");
    const t = text(html);
    expect(t.match(/Unknown unit\./g)).toHaveLength(20);
    expect(t).toContain("49,980 more errors of the same kind (加分扣分!B24:B50003); deal with them as above.");
    expect(html).toContain('title="Click to go to the first of these cells"');
  });
});
