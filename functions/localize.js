// Localising the generated custom-functions metadata (functions.json) with a translation table such
// as locales/zh-CN.json. Plain ESM JavaScript so that webpack.config.js can import it; types in
// localize.d.ts.

/**
 * Names Excel accepts for a custom function (Microsoft's naming guide and its metadata schema): a
 * letter, then letters, digits, "." or "_", 3 to 64 characters in all. Chinese Excel may refuse to
 * register a shorter name such as 总分, so the build refuses it first.
 */
const VALID_NAME = /^\p{L}[\p{L}0-9._]{2,63}$/u;

/**
 * A new metadata object whose functions carry the table's name and description and whose
 * parameters carry the table's descriptions. Everything else (ids, types, dimensionality,
 * optional flags, options, result) is kept. Throws one Error naming every function or parameter
 * the table lacks (or gives an unusable name for); the input is never modified.
 *
 * @param {{ functions: Array<{ id: string, name: string, description?: string, parameters?: Array<{ name: string, description?: string }> }> }} metadata
 * @param {{ namespace?: string, functions: Record<string, { name: string, description: string, parameters?: Record<string, string> }> }} table
 */
export function localizeMetadata(metadata, table) {
  if (!metadata || !Array.isArray(metadata.functions)) throw new Error("localizeMetadata: metadata has no functions array");
  if (!table || typeof table.functions !== "object" || table.functions === null) throw new Error("localizeMetadata: the table has no \"functions\" object");
  const copy = structuredClone(metadata);
  const problems = [];
  const names = new Map();
  for (const fn of copy.functions) {
    const entry = Object.hasOwn(table.functions, fn.id) ? table.functions[fn.id] : undefined;
    if (!entry) {
      problems.push(`function ${fn.id} is missing`);
      continue;
    }
    if (typeof entry.name !== "string" || !VALID_NAME.test(entry.name)) {
      problems.push(`function ${fn.id} has no valid name (${JSON.stringify(entry.name)}: a letter first, then letters, digits, "." or "_", 3 to 64 characters)`);
    } else if (names.has(entry.name.toLowerCase())) {
      problems.push(`function ${fn.id} has the same name as ${names.get(entry.name.toLowerCase())}: ${entry.name}`);
    } else {
      names.set(entry.name.toLowerCase(), fn.id);
      fn.name = entry.name;
    }
    if (typeof entry.description !== "string" || entry.description.trim() === "") problems.push(`function ${fn.id} has no description`);
    else fn.description = entry.description;
    const params = entry.parameters ?? {};
    for (const p of fn.parameters ?? []) {
      const d = Object.hasOwn(params, p.name) ? params[p.name] : undefined;
      if (typeof d !== "string" || d.trim() === "") problems.push(`parameter ${fn.id}.${p.name} is missing`);
      else p.description = d;
    }
  }
  if (problems.length > 0) throw new Error(`custom functions localisation table is incomplete: ${problems.join("; ")}`);
  return copy;
}
