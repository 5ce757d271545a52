/**
 * What a sheet function returns when it cannot compute: an error value, never an exception.
 * Only #VALUE! and #N/A, the two spreadsheet errors that can carry a message to the user.
 */
export type SheetErrorCode = "#VALUE!" | "#N/A";

export interface SheetError {
  readonly error: SheetErrorCode;
  /** Chinese, says what is wrong and what to do. */
  readonly message: string;
}

export type SheetResult<T> = T | SheetError;

export function isSheetError(x: unknown): x is SheetError {
  return typeof x === "object" && x !== null && "error" in x && "message" in x
    && ((x as SheetError).error === "#VALUE!" || (x as SheetError).error === "#N/A");
}

/** #VALUE!: an argument of the wrong kind or out of range. */
export function invalidValue(message: string): SheetError {
  return { error: "#VALUE!", message };
}

/** #N/A: a name (unit, item) that the scheme does not know. */
export function notAvailable(message: string): SheetError {
  return { error: "#N/A", message };
}
