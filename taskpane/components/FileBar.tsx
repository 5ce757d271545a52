import { Button, Text } from "@fluentui/react-components";
import { buttonRow, section, token } from "./firstScreenStyle";
import { useRef } from "react";
import { useT } from "../i18n";

// Looks like Fluent's info message bar, without loading it with the first screen (inline: see firstScreenStyle.ts).
const HINT = {
  display: "block",
  padding: `${token("spacingVerticalS")} ${token("spacingHorizontalM")}`,
  backgroundColor: token("colorNeutralBackground3"),
  border: `1px solid ${token("colorNeutralStroke2")}`,
  borderRadius: token("borderRadiusMedium"),
} as const;

/** Standalone mode only: open a workbook from disk or start from a generated one; download the result. */
export function FileBar(props: { busy: boolean; canDownload: boolean; onOpen: (file: File) => void; onGenerate: (kind: "sample" | "blank") => void; onDownload: () => void }) {
  const t = useT();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section style={section} aria-label={t.openWorkbook}>
      <Text as="p" role="note" style={HINT}>{t.standaloneHint}</Text>
      <div style={buttonRow}>
        <Button appearance="primary" disabled={props.busy} onClick={() => input.current?.click()}>{t.openWorkbook}</Button>
        <input
          ref={input}
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          hidden
          aria-label={t.openWorkbook}
          data-testid="open-workbook"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            if (f) props.onOpen(f);
            e.currentTarget.value = "";
          }}
        />
        <Button disabled={props.busy} onClick={() => props.onGenerate("sample")}>{t.useSample}</Button>
        <Button disabled={props.busy} onClick={() => props.onGenerate("blank")}>{t.newTemplate}</Button>
        <Button disabled={props.busy || !props.canDownload} onClick={props.onDownload}>{t.downloadWorkbook}</Button>
      </div>
    </section>
  );
}
