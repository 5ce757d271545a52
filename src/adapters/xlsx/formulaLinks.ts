/** A reference to another workbook in a formula: [1]Sheet!A1, '[2]My sheet'!A1, [1]!Name — not inside a string. */
export function linksOut(formula: string): boolean {
  return /\[\d+\]/.test(formula.replace(/"(?:[^"]|"")*"/g, ""));
}
