/** The parts of custom-functions metadata (functions.json) that localisation reads and writes; other fields are kept as they are. */
export interface FunctionsMetadata {
  functions: ReadonlyArray<{
    id: string;
    name: string;
    description?: string;
    parameters?: ReadonlyArray<{ name: string; description?: string }>;
  }>;
}

/** A translation table, e.g. locales/zh-CN.json: function id → name, description and parameter name → description. */
export interface LocalizationTable {
  namespace?: string;
  functions: Record<string, { name: string; description: string; parameters?: Record<string, string> }>;
}

/**
 * A new metadata object (the input is not modified) with each function's name and description and
 * each parameter's description taken from the table. Throws one Error naming every function or
 * parameter missing from the table, and any function name Excel would not accept or that repeats.
 */
export function localizeMetadata<M extends FunctionsMetadata>(metadata: M, table: LocalizationTable): M;
