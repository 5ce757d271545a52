// The task pane page in WPS 表格 (taskpane.html of dist-wps/): the same App as in Excel, over the WPS
// adapter. WPS opens it with Application.CreateTaskPane (wps/main.ts); it loads no Office.js.
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { wpsEnv } from "../taskpane/envWps";
import { loadStrings } from "../taskpane/i18n";
import type { WpsHost } from "../src/adapters/wps/et";

const container = document.getElementById("root");
if (!container) throw new Error("taskpane.html has no #root");
const host = () => {
  const app = (window as unknown as { Application?: WpsHost }).Application;
  if (!app) throw new Error("window.Application is missing: this page runs inside WPS 表格");
  return app;
};
// English is a chunk of its own, loaded first when asked for; Chinese if it cannot be.
void (new URLSearchParams(location.search).get("lang") === "en" ? loadStrings("en").catch(() => undefined) : Promise.resolve(undefined)).then((strings) =>
  createRoot(container).render(
    <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
      <App env={wpsEnv(host)} initialStrings={strings} />
    </FluentProvider>,
  ),
);
