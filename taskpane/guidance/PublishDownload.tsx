import { Button, makeStyles, Text, tokens } from "@fluentui/react-components";
import { useContext } from "react";
import type { Reading } from "../../src/validate/validate";
import { publishFileName, publishHtml, publishStatus } from "../../src/report/publish";
import { timestamp } from "../../src/report/aggregate";
import { LangContext } from "../i18n";
import { GUIDANCE_STRINGS } from "./strings";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalXXS, alignItems: "flex-start" },
  hint: { color: tokens.colorNeutralForeground3 },
});

/** The page `evalsheet publish` writes, built from the pane's reading: the same function, the same bytes but the time. */
export function publishPage(reading: Reading, now = new Date()): { name: string; html: string } {
  const status = publishStatus(reading.approval, reading.changedSinceApproval);
  return { name: publishFileName(reading.scheme.year), html: publishHtml(reading.scheme, reading.evaluation, reading.inputs, status, timestamp(now)) };
}

function download(html: string, name: string): void {
  const url = URL.createObjectURL(new Blob([html], { type: "text/html;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** 晾晒: download the results page (issue 10 §4). */
export function PublishDownload(props: { reading: Reading }) {
  const { lang } = useContext(LangContext);
  const g = GUIDANCE_STRINGS[lang];
  const s = useStyles();
  return (
    <div className={s.root}>
      <Button onClick={() => {
        const page = publishPage(props.reading);
        download(page.html, page.name);
      }}>{g.publish}</Button>
      <Text size={200} className={s.hint}>{g.publishHint}</Text>
    </div>
  );
}
