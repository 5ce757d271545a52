import { Field, Input, makeStyles } from "@fluentui/react-components";
import { useContext } from "react";
import { LangContext } from "../i18n";

const useStyles = makeStyles({ input: { maxWidth: "8em" } });

/**
 * 评价年度 for 生成模板 and new workbooks. Shows the open workbook's own year when it carries one;
 * what is wrong with the year comes from the pane's logic (the scheme's first year), in the pane's language.
 */
export function YearField(props: { year: number; fromWorkbook: boolean; problem: { zh: string; en: string } | null; disabled: boolean; onChange: (year: number) => void }) {
  const { t, lang } = useContext(LangContext);
  const s = useStyles();
  const message = props.problem ? props.problem[lang] : props.fromWorkbook ? t.yearFromWorkbook : t.yearDefaultRule;
  return (
    <Field label={t.evaluationYear} validationState={props.problem ? "error" : "none"} validationMessage={message} orientation="horizontal">
      <Input
        className={s.input}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(props.year) ? String(props.year) : ""}
        disabled={props.disabled}
        aria-label={t.evaluationYear}
        data-testid="evaluation-year"
        onChange={(_, d) => props.onChange(Number(d.value))}
      />
    </Field>
  );
}
