/**
 * The semantics of the EVAL.* spreadsheet functions, as plain functions over the engine's pieces
 * (exact decimals, the scheme's caps and tier rule, competition ranks, unit name folding).
 * Arguments are cell values as a spreadsheet passes them (`unknown`); errors are returned as
 * values ({ error: "#VALUE!" | "#N/A", message }), never thrown. functions/functions.ts wraps
 * them as Excel custom functions.
 */
export { total } from "./total";
export { bonus } from "./bonus";
export { tier } from "./tier";
export { groupRank } from "./rank";
export { group } from "./group";
export { cap } from "./cap";
export { isBlank, numberIn, pairGrids, toGrid, type Grid } from "./cells";
export { invalidValue, isSheetError, notAvailable, type SheetError, type SheetErrorCode, type SheetResult } from "./result";
