import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createDOMRenderer, FluentProvider, RendererProvider, SSRProvider, webLightTheme } from "@fluentui/react-components";
import SchemeEditor from "../../taskpane/components/SchemeEditor";
import { LangContext, ZH } from "../../taskpane/i18n";
import { builtinScheme } from "../../src/scheme/load";

function render(): string {
  return renderToStaticMarkup(
    <RendererProvider renderer={createDOMRenderer()}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>
          <LangContext.Provider value={{ lang: "zh", t: ZH, setLang: () => undefined }}>
            <SchemeEditor scheme={builtinScheme()} busy={false} onSave={() => undefined} />
          </LangContext.Provider>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>,
  );
}

describe("SchemeEditor", () => {
  it("offers the measured part of each of the five indicators with a number, and the 不适用 rule, for editing", () => {
    const html = render();
    const measured = [...html.matchAll(/aria-label="([^"]+) 量化部分"[^>]*value="([^"]*)"|value="([^"]*)"[^>]*aria-label="([^"]+) 量化部分"/g)]
      .map((m) => [m[1] ?? m[4], m[2] ?? m[3]]);
    expect(measured).toEqual([
      ["服务家庭建设新需求", "1"], ["提升家庭教育新水平", "1"], ["全链条强化维权服务", "1"], ["拓展组织覆盖", "1"], ["激发工作活力", "1"],
    ]);
    expect(html).toContain("按定性部分折算到该项满分");
    expect(html).toContain("量化部分全部“不适用”时");
  });
});
