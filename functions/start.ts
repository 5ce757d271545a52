/// <reference types="office-js" />
import { markFunctionsRuntime } from "./schemeSlot";

/*
 * functions.js, the manifest's Functions.Script and the first bundle taskpane.html loads: only what must
 * happen at once. The EVAL.* functions themselves (functions.ts, with the scheme and zod, ≈ 130 KB) are a
 * chunk imported in Excel only, once Office is ready: at page start their evaluation was the page's
 * longest task (150–360 ms by load), and a plain browser has no custom functions to register.
 *
 * Office.js lets an add-in associate its functions later: CustomFunctions.delayInitialization() sets
 * CustomFunctionMappings.__delay__ and every CustomFunctions.associate(...) deletes it
 * (@microsoft/office-js dist/office.debug.js, lines 1405–1420). Inside Office.onReady, Excel's host
 * script initialises the custom functions only when the flag is gone, looking again every 50 ms
 * (excel-win32-16.01.debug.js line 59736, excel-web-16.00.debug.js 62231, excel-mac-16.00.debug.js
 * 60416). Associating after an await without the delay, Excel initialises first and the first
 * invocation fails with #VALUE!.
 */

/** What we use of the custom-functions runtime here (@types/custom-functions-runtime is not installed). */
interface DelayableCustomFunctions {
  delayInitialization?: () => void;
  associate?: (mappings: Record<string, never>) => void;
}

declare const CustomFunctions: DelayableCustomFunctions | undefined;

function customFunctions(): DelayableCustomFunctions | undefined {
  return typeof CustomFunctions !== "undefined" ? CustomFunctions : undefined;
}

/**
 * Lets Excel go on without the functions: associate with an empty mapping associates nothing, but its
 * wrapper deletes the flag all the same (office.debug.js lines 1414–1417; Association.associate, lines
 * 1359–1363, walks the empty object without a warning). Excel then initialises the custom functions
 * with none associated: reading the host script (excel-win32-16.01.debug.js, _batchInvocationEntries
 * and _invokeFunctionAndSetResult), each EVAL.* call then throws inside the runtime and is reported as
 * a thrown exception (error code 2), which Excel shows as #VALUE! — instead of waiting for ever.
 */
function releaseDelay(): void {
  customFunctions()?.associate?.({});
}

/** In Excel: load the functions (their module associates every id as it evaluates), or give up cleanly. */
async function loadFunctions(): Promise<void> {
  try {
    await import(/* webpackChunkName: "eval-functions" */ "./functions");
  } catch (error) {
    console.error("EVAL 自定义函数未能加载：请关闭并重新打开工作簿。 / The EVAL custom functions could not be loaded: close and reopen the workbook.", error);
    releaseDelay();
  }
}

// The pane reads this mark (functionsShareThisRuntime) to know that the functions see the scheme it
// sets on this page's global at once, loaded yet or not: they read it on each call.
markFunctionsRuntime();

if (typeof Office !== "undefined") {
  customFunctions()?.delayInitialization?.();
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) void loadFunctions();
    // No other host initialises custom functions; leave no flag behind.
    else releaseDelay();
  });
}
