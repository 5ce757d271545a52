import { renderToStaticMarkup } from "react-dom/server";
import { createDOMRenderer, FluentProvider, RendererProvider, SSRProvider, webLightTheme } from "@fluentui/react-components";
import type { ReactElement } from "react";
import { LangContext, ZH } from "../../taskpane/i18n";
import { EN } from "../../taskpane/strings.en";

/** A pane component rendered on the server inside the pane's providers (no DOM needed). */
export function renderPane(ui: ReactElement, lang: "zh" | "en" = "zh"): string {
  return renderToStaticMarkup(
    <RendererProvider renderer={createDOMRenderer()}>
      <SSRProvider>
        <FluentProvider theme={webLightTheme}>
          <LangContext.Provider value={{ lang, t: lang === "en" ? EN : ZH, setLang: () => undefined }}>{ui}</LangContext.Provider>
        </FluentProvider>
      </SSRProvider>
    </RendererProvider>,
  );
}
