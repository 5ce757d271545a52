import type { Scheme } from "../scheme/schema";
import type { SheetSpec, WritePlan } from "../workbook/plan";
import { dataSheet } from "./dataSheet";
import { departmentLayouts } from "./department";
import { departmentSheet } from "./departmentSheet";
import { casesSheet, compositeSheet, eventsSheet } from "./officeSheets";
import type { SampleData } from "./sample";
import { schemeSheet } from "./schemeSheet";
import { ledgerSheets } from "./ledgerSheets";
import { sampleLedgers } from "./sampleLedgers";

export interface TemplateOptions {
  readonly sample?: SampleData;
  /** Only this department's sheet (plus the scheme), to send to that department. */
  readonly department?: string;
}

/** Every input sheet of the evaluation workbook, generated from the scheme. */
export function templatePlan(scheme: Scheme, options: TemplateOptions = {}): WritePlan {
  const { sample, department } = options;
  const departments = departmentLayouts(scheme).map((l) => l.department);
  // Departments fill the ledgers of 附件1 and 附件2 in their own files too (collect appends the rows).
  const sheets: SheetSpec[] = department
    ? [departmentSheet(scheme, department, sample), ...ledgerSheets(scheme)]
    : [
        ...departments.map((d) => departmentSheet(scheme, d, sample)),
        casesSheet(scheme, sample),
        eventsSheet(scheme, sample),
        compositeSheet(scheme, sample),
        ...ledgerSheets(scheme, sample ? sampleLedgers(scheme) : undefined),
      ];
  return { sheets: [...sheets, schemeSheet(scheme), dataSheet(scheme)], placement: "last" };
}
