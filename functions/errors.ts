import { isSheetError, type SheetError, type SheetResult } from "../src/sheetFunctions";

/**
 * Mapping the core's error values to what a custom function throws. In Excel the
 * custom-functions runtime defines the global `CustomFunctions`; its Error carries #VALUE! or #N/A
 * with our message (the two error codes that can show one). Elsewhere (Node tests) the global is
 * absent and we throw a SheetFunctionError, which tests can inspect.
 */

/** The part of the custom-functions runtime we use (@types/custom-functions-runtime is not installed). */
export interface CustomFunctionsRuntime {
  Error: new (errorCode?: string, errorMessage?: string) => unknown;
  ErrorCode: { readonly invalidValue: string; readonly notAvailable: string };
  associate(id: string, fn: (...args: never[]) => unknown): void;
}

declare const CustomFunctions: CustomFunctionsRuntime | undefined;

export function customFunctionsRuntime(): CustomFunctionsRuntime | undefined {
  return typeof CustomFunctions !== "undefined" ? CustomFunctions : undefined;
}

/** Thrown outside Excel: `code` is "#VALUE!" or "#N/A", `message` the Chinese explanation. */
export class SheetFunctionError extends Error {
  readonly code: SheetError["error"];
  constructor(e: SheetError) {
    super(e.message);
    this.name = "SheetFunctionError";
    this.code = e.error;
  }
}

export function toThrown(e: SheetError): unknown {
  const rt = customFunctionsRuntime();
  if (!rt) return new SheetFunctionError(e);
  return new rt.Error(e.error === "#N/A" ? rt.ErrorCode.notAvailable : rt.ErrorCode.invalidValue, e.message);
}

/** The value, or throw the error the spreadsheet should show. */
export function unwrap<T>(r: SheetResult<T>): T {
  if (isSheetError(r)) throw toThrown(r);
  return r;
}
