import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useRef } from "react";
import { useT } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, paddingBlock: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", gap: tokens.spacingHorizontalS },
  // Looks like Fluent's info message bar, without loading it with the first screen.
  hint: {
    display: "block",
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground3,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
  },
});

/** Standalone mode only: open a workbook from disk or start from a generated one; download the result. */
export function FileBar(props: { busy: boolean; canDownload: boolean; onOpen: (file: File) => void; onGenerate: (kind: "sample" | "blank") => void; onDownload: () => void }) {
  const t = useT();
  const s = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <section className={s.root} aria-label={t.openWorkbook}>
      <Text as="p" role="note" className={s.hint}>{t.standaloneHint}</Text>
      <div className={s.buttons}>
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
