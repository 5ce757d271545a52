import { FluentProvider, webLightTheme, type Theme } from "@fluentui/react-components";
import { App } from "./App";
import type { PaneEnv } from "./env";
import type { Strings } from "./i18n";

// The pane with Fluent's provider: index.tsx runs this module (and so every component module and Fluent's)
// in a task of its own, after React's DOM renderer.
export { webLightTheme };

export function PaneRoot(props: { theme: Theme; env: PaneEnv; initialStrings?: Strings }) {
  return (
    <FluentProvider theme={props.theme} style={{ minHeight: "100vh" }}>
      <App env={props.env} initialStrings={props.initialStrings} />
    </FluentProvider>
  );
}
