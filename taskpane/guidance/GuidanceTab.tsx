import { Tab, TabList } from "@fluentui/react-components";
import { useContext, useMemo } from "react";
import type { Reading } from "../../src/validate/validate";
import { unitGuidance, type GuidanceOptions } from "../../src/report/guidance";
import { LangContext } from "../i18n";
import { GUIDANCE_STRINGS } from "./strings";
import { GuidanceView } from "./GuidanceView";
import { guidanceInputs } from "../../src/report/guidanceInputs";
import { HISTORY_STRINGS } from "../history/strings";

export type DetailTab = "explain" | "guidance" | "history";

/** The explanation dialog's tabs: 得分说明 (the trail), 分类指导 and 历年 (the trend over the years, issue 10 §2). */
export function DetailTabs(props: { tab: DetailTab; onTab: (tab: DetailTab) => void }) {
  const { lang } = useContext(LangContext);
  const g = GUIDANCE_STRINGS[lang];
  return (
    <TabList size="small" selectedValue={props.tab} onTabSelect={(_, d) => props.onTab(d.value as DetailTab)}>
      <Tab value="explain">{g.explainTab}</Tab>
      <Tab value="guidance">{g.guidanceTab}</Tab>
      <Tab value="history">{HISTORY_STRINGS[lang].tab}</Tab>
    </TabList>
  );
}

/**
 * 分类指导 of one district, computed from the pane's reading. `priors` takes last year's and the
 * last period's results once history and periodic evaluations supply them; without, the tab says
 * 无上年数据 / 无上期数据.
 */
export function UnitGuidancePanel(props: { reading: Reading; unit: string; priors?: GuidanceOptions }) {
  const { reading, unit, priors } = props;
  // Last year's (历年结果) and the last period's (平时评价) unless given, as the aggregate's 分类指导 sheet does.
  const g = useMemo(() => unitGuidance(reading.scheme, reading.evaluation, reading.inputs, unit, guidanceInputs(reading, priors)), [reading, unit, priors]);
  return g ? <GuidanceView guidance={g} /> : null;
}

