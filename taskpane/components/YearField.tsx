import { Input, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useContext, useId } from "react";
import { LangContext } from "../i18n";

// A label, Fluent's Input and a line under it, laid out as Fluent's horizontal Field: the Field itself (its
// label, its validation icons) would add ≈ 3.4 KiB gzip to the first screen for the same thing.
const useStyles = makeStyles({
  root: { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalXXS, alignItems: "center" },
  label: { fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase300, lineHeight: tokens.lineHeightBase300, color: tokens.colorNeutralForeground1 },
  input: { maxWidth: "8em" },
  message: { gridColumnStart: 2, fontFamily: tokens.fontFamilyBase, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground3 },
  problem: { color: tokens.colorPaletteRedForeground1 },
});

/**
 * 评价年度 for 生成模板 and new workbooks. Shows the open workbook's own year when it carries one;
 * what is wrong with the year comes from the pane's logic (the scheme's first year), in the pane's language.
 */
export function YearField(props: { year: number; fromWorkbook: boolean; problem: { zh: string; en: string } | null; disabled: boolean; onChange: (year: number) => void }) {
  const { t, lang } = useContext(LangContext);
  const s = useStyles();
  const id = useId();
  const message = props.problem ? props.problem[lang] : props.fromWorkbook ? t.yearFromWorkbook : t.yearDefaultRule;
  return (
    <div className={s.root}>
      <label className={s.label} htmlFor={`${id}-input`}>{t.evaluationYear}</label>
      <Input
        id={`${id}-input`}
        className={s.input}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(props.year) ? String(props.year) : ""}
        disabled={props.disabled}
        aria-invalid={props.problem !== null}
        aria-describedby={`${id}-message`}
        data-testid="evaluation-year"
        onChange={(_, d) => props.onChange(Number(d.value))}
      />
      <div id={`${id}-message`} className={mergeClasses(s.message, props.problem ? s.problem : undefined)} role={props.problem ? "alert" : undefined}>
        {message}
      </div>
    </div>
  );
}
