import type { CSSProperties } from "react";
import type { Theme } from "@fluentui/react-components";

// The first screen's own layout (rows, columns, gaps, the hint's box) is inline style over Fluent's CSS
// variables, not makeStyles: Fluent's components come with their CSS compiled, so one makeStyles call of
// ours on the first screen would bring Griffel's run-time CSS compiler (stylis, rtl-css-js) with it — the
// first screen was 120.9 KiB gzip with it, 113.0 without (bench/paneWeight.ts) — and compile at start-up.
// The panels that load later use makeStyles as before.

/** A Fluent design token as the CSS variable FluentProvider defines for it. */
export const token = (name: keyof Theme): string => `var(--${name})`;

/** A section of the pane: its parts one under another. */
export const section: CSSProperties = { display: "flex", flexDirection: "column", gap: token("spacingVerticalS"), paddingBlock: token("spacingVerticalS") };

/** A row of buttons that wraps in Excel's narrow pane. */
export const buttonRow: CSSProperties = { display: "flex", flexWrap: "wrap", gap: token("spacingHorizontalS") };
