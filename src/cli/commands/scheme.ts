import { builtinScheme } from "../../scheme/load";
import { ruleKind } from "../../engine/rules";
import { say } from "../io";
import { resolveScheme } from "./template";
import { table } from "../table";

/** `evalsheet scheme [--json]`: the scheme in effect, for people or as JSON. */
export function schemeCommand(args: { json: boolean; scheme?: string | undefined }): number {
  const scheme = args.scheme ? resolveScheme(args.scheme) : builtinScheme();
  if (typeof scheme === "number") return scheme;
  if (args.json) {
    console.log(JSON.stringify(scheme, null, 2));
    return 0;
  }
  const c = scheme.components;
  console.log(`${scheme.title}（${scheme.id}，${scheme.year}）`);
  console.log(say(`基础工作 ${c.basic}，最佳实践案例 ${c.bestPractice}，综合评估 ${c.composite}，加分封顶 ${c.bonusCap}`, `basic ${c.basic}, best practice ${c.bestPractice}, composite ${c.composite}, bonus cap ${c.bonusCap}`));
  console.log(say(`区县 ${scheme.units.length} 个，分 ${scheme.groups.length} 个区域分类`, `${scheme.units.length} units in ${scheme.groups.length} groups`));
  console.log("");
  console.log(table(
    ["指标", "评分部室", ...scheme.groups.map((g) => g.shortName), "计分方式"],
    scheme.indicators.map((i) => [i.name, i.department, ...scheme.groups.map((g) => String(i.points[g.id] ?? 0)), i.rules.map((r) => ruleKind(r).describe(r).zh).join("；")]),
    [false, false, ...scheme.groups.map(() => true), false],
  ));
  console.log("");
  console.log(say("文件未规定、采用默认值的地方：", "Values the document leaves open (defaults):"));
  for (const o of scheme.openChoices) console.log(`- ${o.topic}: ${o.choice}（${o.why}）`);
  return 0;
}
