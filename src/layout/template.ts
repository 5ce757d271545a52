import type { Scheme } from "../scheme/schema";
import type { SheetSpec, WritePlan } from "../workbook/plan";
import { dataSheet } from "./dataSheet";
import { departmentLayouts } from "./department";
import { departmentSheet } from "./departmentSheet";
import { casesSheet, compositeSheet, eventsSheet } from "./officeSheets";
import type { SampleData } from "./sample";
import { schemeSheet } from "./schemeSheet";

export interface TemplateOptions {
  readonly sample?: SampleData;
  /** Only this department's sheet (plus the scheme), to send to that department. */
  readonly department?: string;
}

/** Every input sheet of the evaluation workbook, generated from the scheme. */
export function templatePlan(scheme: Scheme, options: TemplateOptions = {}): WritePlan {
  const { sample, department } = options;
  const departments = departmentLayouts(scheme).map((l) => l.department);
  const sheets: SheetSpec[] = department
    ? [departmentSheet(scheme, department, sample)]
    : [
        ...departments.map((d) => departmentSheet(scheme, d, sample)),
        casesSheet(scheme, sample),
        eventsSheet(scheme, sample),
        compositeSheet(scheme, sample),
      ];
  return { sheets: [...sheets, schemeSheet(scheme), dataSheet(scheme)], placement: "last" };
}
