import { useContext, useId } from "react";
import { LangContext } from "../i18n";
import { token } from "./firstScreenStyle";

// A label, a number input and a line under it, laid out and coloured as Fluent's horizontal Field with its
// Input, from Fluent's CSS variables: Fluent's Field + Input would add ≈ 6 KiB gzip to the first screen, and
// Input alone ≈ 3 KiB (first screen 113.0 KiB with it, 109.9 without), for the same one field.
// Inline style, not makeStyles: see firstScreenStyle.ts.
const ROOT = { display: "grid", gridTemplateColumns: "auto 1fr", columnGap: token("spacingHorizontalM"), rowGap: token("spacingVerticalXXS"), alignItems: "center" } as const;
const LABEL = { fontFamily: token("fontFamilyBase"), fontSize: token("fontSizeBase300"), lineHeight: token("lineHeightBase300"), color: token("colorNeutralForeground1") } as const;
const INPUT = {
  boxSizing: "border-box",
  width: "8em",
  minHeight: "32px",
  padding: `0 ${token("spacingHorizontalMNudge")}`,
  fontFamily: token("fontFamilyBase"),
  fontSize: token("fontSizeBase300"),
  color: token("colorNeutralForeground1"),
  backgroundColor: token("colorNeutralBackground1"),
  border: `${token("strokeWidthThin")} solid ${token("colorNeutralStroke1")}`,
  borderBottomColor: token("colorNeutralStrokeAccessible"),
  borderRadius: token("borderRadiusMedium"),
} as const;
const MESSAGE = { gridColumnStart: 2, fontFamily: token("fontFamilyBase"), fontSize: token("fontSizeBase200"), lineHeight: token("lineHeightBase200"), color: token("colorNeutralForeground3") } as const;
const PROBLEM = { ...MESSAGE, color: token("colorPaletteRedForeground1") } as const;

/**
 * 评价年度 for 生成模板 and new workbooks. Shows the open workbook's own year when it carries one;
 * what is wrong with the year comes from the pane's logic (the scheme's first year), in the pane's language.
 */
export function YearField(props: { year: number; fromWorkbook: boolean; problem: { zh: string; en: string } | null; disabled: boolean; onChange: (year: number) => void }) {
  const { t, lang } = useContext(LangContext);
  const id = useId();
  const message = props.problem ? props.problem[lang] : props.fromWorkbook ? t.yearFromWorkbook : t.yearDefaultRule;
  return (
    <div style={ROOT}>
      <label style={LABEL} htmlFor={`${id}-input`}>{t.evaluationYear}</label>
      <input
        id={`${id}-input`}
        style={INPUT}
        type="number"
        inputMode="numeric"
        value={Number.isFinite(props.year) ? String(props.year) : ""}
        disabled={props.disabled}
        aria-invalid={props.problem !== null}
        aria-describedby={`${id}-message`}
        data-testid="evaluation-year"
        onChange={(e) => props.onChange(Number(e.currentTarget.value))}
      />
      <div id={`${id}-message`} style={props.problem ? PROBLEM : MESSAGE} role={props.problem ? "alert" : undefined}>
        {message}
      </div>
    </div>
  );
}
