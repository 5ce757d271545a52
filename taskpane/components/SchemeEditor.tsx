import {
  Button, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens,
} from "@fluentui/react-components";
import { useMemo, useState } from "react";
import type { Scheme, TierRule } from "../../src/scheme/schema";
import { parseScheme, schemeProblems } from "../../src/scheme/load";
import { useT } from "../i18n";

const useStyles = makeStyles({
  root: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS },
  num: { width: "4.5em" },
  scroll: { overflowX: "auto", maxWidth: "100%" },
  name: { minWidth: "9em" },
  bad: { color: tokens.colorPaletteRedForeground1, fontWeight: tokens.fontWeightSemibold },
  tiers: { display: "flex", gap: tokens.spacingHorizontalS, flexWrap: "wrap" },
});

/**
 * The scheme view: indicator points per group, the measured parts' points, the 不适用 rule and the tier rule, editable, validated live by the
 * same zod schema the CLI uses (each group sums to 60, caps, tier order). Loaded lazily.
 */
export default function SchemeEditor(props: { scheme: Scheme; busy: boolean; onSave: (s: Scheme) => void }) {
  const t = useT();
  const s = useStyles();
  const [draft, setDraft] = useState<Scheme>(props.scheme);
  const check = useMemo(() => parseScheme(draft, "（编辑中）"), [draft]);
  const sum = (g: string) => Math.round(draft.indicators.reduce((a, i) => a + (i.points[g] ?? 0) * 100, 0)) / 100;
  const setPoints = (id: string, g: string, v: string) =>
    setDraft((d) => ({ ...d, indicators: d.indicators.map((i) => (i.id === id ? { ...i, points: { ...i.points, [g]: Number(v) } } : i)) }));
  const setTier = (k: number, v: string) => setDraft((d) => ({ ...d, tiers: updateTier(d.tiers, k, Number(v)) }));
  const setBonus = (id: string, field: "pointsEach" | "cap", v: string) =>
    setDraft((d) => ({
      ...d,
      bonus: { items: d.bonus.items.map((b) => (b.id !== id ? b : { ...b, [field]: field === "cap" && v.trim() === "" ? null : Number(v) })) },
    }));
  // The measured part of an indicator (a target after the judged part): its points; the judged part takes the rest.
  const setMeasured = (id: string, ruleIndex: number, v: string) =>
    setDraft((d) => ({
      ...d,
      indicators: d.indicators.map((i) => (i.id !== id ? i : { ...i, rules: i.rules.map((r, k) => (k === ruleIndex && r.kind === "target" ? { ...r, points: Number(v) } : r)) })),
    }));
  const measured = draft.indicators.flatMap((i) => i.rules.flatMap((r, k) => (k > 0 && r.kind === "target" ? [{ indicator: i, rule: r, k }] : [])));
  const setBonusCap = (v: string) => setDraft((d) => ({ ...d, components: { ...d.components, bonusCap: Number(v) } }));
  return (
    <section className={s.root} aria-label={t.schemeView}>
      <div className={s.scroll}>
      <Table size="extra-small" aria-label={t.schemeView}>
        <TableHeader>
          <TableRow>
            <TableHeaderCell>{t.basic}</TableHeaderCell>
            {draft.groups.map((g) => <TableHeaderCell key={g.id}>{g.shortName}</TableHeaderCell>)}
          </TableRow>
        </TableHeader>
        <TableBody>
          {draft.indicators.map((i) => (
            <TableRow key={i.id}>
              <TableCell className={s.name}>{i.name}</TableCell>
              {draft.groups.map((g) => (
                <TableCell key={g.id}>
                  <Input className={s.num} type="number" min={0} step={0.5} value={String(i.points[g.id] ?? 0)} aria-label={`${i.name} ${g.shortName}`} onChange={(_, d) => setPoints(i.id, g.id, d.value)} />
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell>{t.groupSum}</TableCell>
            {draft.groups.map((g) => <TableCell key={g.id} className={sum(g.id) !== draft.components.basic ? s.bad : undefined}>{sum(g.id)}</TableCell>)}
          </TableRow>
        </TableBody>
      </Table>
      </div>
      <div className={s.scroll}>
        <Table size="extra-small" aria-label={t.bonus}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.bonus}</TableHeaderCell>
              <TableHeaderCell>{t.pointsEach}</TableHeaderCell>
              <TableHeaderCell>{t.itemCap}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {draft.bonus.items.map((b) => (
              <TableRow key={b.id}>
                <TableCell className={s.name}>{b.name}</TableCell>
                <TableCell><Input className={s.num} type="number" min={0} step={0.5} value={String(b.pointsEach)} aria-label={`${b.name} ${t.pointsEach}`} onChange={(_, d) => setBonus(b.id, "pointsEach", d.value)} /></TableCell>
                <TableCell><Input className={s.num} type="number" min={0} step={0.5} value={b.cap === null ? "" : String(b.cap)} aria-label={`${b.name} ${t.itemCap}`} onChange={(_, d) => setBonus(b.id, "cap", d.value)} /></TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      {measured.length > 0 && (
        <div className={s.scroll}>
          <Table size="extra-small" aria-label={t.measuredParts}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.measuredParts}</TableHeaderCell>
                <TableHeaderCell>{t.measuredPoints}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {measured.map(({ indicator, rule, k }) => (
                <TableRow key={`${indicator.id}-${k}`}>
                  <TableCell className={s.name}>{indicator.name}（{rule.measures.map((m) => m.label).join("、")}）</TableCell>
                  <TableCell><Input className={s.num} type="number" min={0} step={0.5} value={String(rule.points ?? "")} aria-label={`${indicator.name} ${t.measuredPoints}`} onChange={(_, d) => setMeasured(indicator.id, k, d.value)} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Field label={t.notApplicableRule}>
        <RadioGroup layout="horizontal" value={draft.notApplicable} onChange={(_, d) => setDraft((x) => ({ ...x, notApplicable: d.value as Scheme["notApplicable"] }))}>
          <Radio value="rescale" label={t.naRescale} />
          <Radio value="full" label={t.naFull} />
        </RadioGroup>
      </Field>
      <Field label={t.bonusCap}>
        <Input className={s.num} type="number" min={0} step={0.5} value={String(draft.components.bonusCap)} onChange={(_, d) => setBonusCap(d.value)} />
      </Field>
      <Field label={t.tierRule}>
        <RadioGroup layout="horizontal" value={draft.tiers.kind} onChange={(_, d) => setDraft((x) => ({ ...x, tiers: switchTierKind(x.tiers, d.value as TierRule["kind"]) }))}>
          <Radio value="thresholds" label={t.thresholds} />
          <Radio value="quota" label={t.quota} />
        </RadioGroup>
      </Field>
      <div className={s.tiers}>
        {draft.tiers.tiers.map((tier, k) => (
          <Field key={tier.name} label={tier.name}>
            <Input className={s.num} type="number" value={String("min" in tier ? tier.min : tier.share)} step={draft.tiers.kind === "quota" ? 0.05 : 1} onChange={(_, d) => setTier(k, d.value)} />
          </Field>
        ))}
        <Text>{draft.tiers.otherwise}</Text>
      </div>
      {check.ok ? (
        <MessageBar layout="multiline" intent="success"><MessageBarBody>{t.schemeValid}</MessageBarBody></MessageBar>
      ) : (
        <MessageBar layout="multiline" intent="error"><MessageBarBody>{schemeProblems(draft).join("；")}</MessageBarBody></MessageBar>
      )}
      <Button appearance="primary" disabled={!check.ok || props.busy} onClick={() => check.ok && props.onSave(check.scheme)}>{t.save}</Button>
    </section>
  );
}

function updateTier(rule: TierRule, k: number, v: number): TierRule {
  if (rule.kind === "thresholds") return { ...rule, tiers: rule.tiers.map((x, i) => (i === k ? { ...x, min: v } : x)) };
  return { ...rule, tiers: rule.tiers.map((x, i) => (i === k ? { ...x, share: v } : x)) };
}

function switchTierKind(rule: TierRule, kind: TierRule["kind"]): TierRule {
  if (rule.kind === kind) return rule;
  return kind === "quota"
    ? { kind, tiers: rule.tiers.map((x, i) => ({ name: x.name, share: i === 0 ? 0.2 : 0.5 })), otherwise: rule.otherwise }
    : { kind, tiers: rule.tiers.map((x, i) => ({ name: x.name, min: i === 0 ? 95 : 85 })), otherwise: rule.otherwise };
}
