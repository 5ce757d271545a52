import { MessageBar, MessageBarBody } from "@fluentui/react-components";
import type { ReactNode } from "react";

/**
 * What the last action did, and the standalone download link: shown only after an action, so Fluent's
 * message bar loads then, not with the first screen.
 */
export default function Notice(props: { intent: "error" | "success" | "info"; label?: string; role?: string; children: ReactNode }) {
  return (
    <MessageBar layout="multiline" role={props.role} aria-label={props.label} intent={props.intent}>
      <MessageBarBody>{props.children}</MessageBarBody>
    </MessageBar>
  );
}
