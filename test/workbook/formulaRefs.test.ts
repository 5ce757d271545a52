import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { relativeForm, shiftFormula } from "../../src/workbook/formulaRefs";

describe("formula references as Excel moves them", () => {
  it("shifts relative parts and keeps $ parts, in sheet-qualified references and ranges", () => {
    expect(shiftFormula("'宣教部'!C6+$B$2+B$2+$B2", 3, 1)).toBe("'宣教部'!D9+$B$2+C$2+$B5");
    expect(shiftFormula("1+SUMPRODUCT(($A$4:$A$44=A4)*($H$4:$H$44>H4))", 1, 0)).toBe("1+SUMPRODUCT(($A$4:$A$44=A5)*($H$4:$H$44>H5))");
  });

  it("leaves string literals, quoted sheet names, function names and numbers alone", () => {
    expect(shiftFormula('IF(H4>=95,"特优 A1",LOG10(A1)+0.7)', 1, 0)).toBe('IF(H5>=95,"特优 A1",LOG10(A2)+0.7)');
    expect(shiftFormula("'A1 ''B2'''!C3", 1, 1)).toBe("'A1 ''B2'''!D4");
    expect(shiftFormula("ROUND(C4*1E3,2)", 2, 0)).toBe("ROUND(C6*1E3,2)");
  });

  it("refuses what it cannot shift: whole columns or rows, and references pushed off the sheet", () => {
    expect(shiftFormula("SUM(A:A)", 1, 0)).toBeNull();
    expect(relativeForm("SUM($3:$3)", 0, 0)).toBeNull();
    expect(shiftFormula("A1", -1, 0)).toBeNull();
  });

  it("two cells share a relative form exactly when one's formula is the other's shifted", () => {
    const fill = ["ROUND(MIN(MAX(IF(ISNUMBER('宣教部'!C6),'宣教部'!C6,0),0),3),2)", "'基础工作得分'!Y4", "ROUND(C4+D4-G4,2)"];
    for (const f of fill) {
      expect(relativeForm(f, 3, 3)).toBe(relativeForm(shiftFormula(f, 5, 0)!, 8, 3));
      expect(relativeForm(f, 3, 3)).not.toBe(relativeForm(f, 4, 3));
    }
  });

  it("property: shifting there and back is the identity; the relative form is invariant under shifting", () => {
    const ref = fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 60 }), fc.boolean(), fc.integer({ min: 0, max: 5000 }));
    const formula = fc.array(ref, { minLength: 1, maxLength: 4 }).map((refs) =>
      refs.map(([ca, c, ra, r]) => `${ca ? "$" : ""}${String.fromCharCode(65 + (c % 26))}${ra ? "$" : ""}${r + 1}`).join("+"),
    );
    fc.assert(fc.property(formula, fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 30 }), (f, dr, dc) => {
      const there = shiftFormula(f, dr, dc)!;
      expect(shiftFormula(there, -dr, -dc)).toBe(f);
      expect(relativeForm(there, 10 + dr, 2 + dc)).toBe(relativeForm(f, 10, 2));
    }));
  });
});
