// The task pane page in WPS 表格 (taskpane.html of dist-wps/): the same App as in Excel, over the WPS
// adapter. WPS opens it with Application.CreateTaskPane (wps/main.ts); it loads no Office.js.
import { createRoot } from "react-dom/client";
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { App } from "../taskpane/App";
import { wpsEnv } from "../taskpane/envWps";
import type { WpsHost } from "../src/adapters/wps/et";

const container = document.getElementById("root");
if (!container) throw new Error("taskpane.html has no #root");
const host = () => {
  const app = (window as unknown as { Application?: WpsHost }).Application;
  if (!app) throw new Error("window.Application is missing: this page runs inside WPS 表格");
  return app;
};
createRoot(container).render(
  <FluentProvider theme={webLightTheme} style={{ minHeight: "100vh" }}>
    <App env={wpsEnv(host)} initialLang={new URLSearchParams(location.search).get("lang") === "en" ? "en" : "zh"} />
  </FluentProvider>,
);
