// Microsoft's own schemas, to validate what the build writes offline (Microsoft's validator is an
// online service): ../shared/ms-schemas, whose README says where each comes from.
// - Custom-functions metadata (functions.json, functions.zh-CN.json): the unified app manifest's
//   JSON Schema (draft-04) defines the same metadata as `extensionCustomFunctions`; validated with
//   Ajv's draft-04 build. It holds Microsoft's naming rules: ids and names start with a letter and
//   have 3 to 64 characters.
// - manifest.xml: the add-in manifest XSDs, with xmllint (Debian libxml2-utils). Without xmllint
//   the check skips locally and fails in CI, where .ci/run installs it.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv-draft-04";
import addFormats from "ajv-formats";
import { expect, it } from "vitest";
import { REPO } from "./dist";

export const MS_SCHEMAS = join(REPO, "..", "shared", "ms-schemas");
const UNIFIED_MANIFEST = join(MS_SCHEMAS, "unified-manifest", "MicrosoftTeams.v1.30.schema.json");
export const MANIFEST_XSD = join(MS_SCHEMAS, "manifest-xsd", "OfficeAppManifestV1_1.xsd");
const INSTALL_XMLLINT = "apt-get install -y --no-install-recommends libxml2-utils (bash .ci/run does it)";

/** One schema violation: where in the document (JSON pointer) and what is wrong. */
export type SchemaProblem = string;

/**
 * A validator for custom-functions metadata: the problems of a parsed functions.json, [] when it
 * conforms. Throws when the schema file is missing (the check must not pass by not running).
 */
export function customFunctionsMetadataValidator(): (metadata: unknown) => SchemaProblem[] {
  if (!existsSync(UNIFIED_MANIFEST)) throw new Error(`Microsoft's schema is missing: ${UNIFIED_MANIFEST} (see ../shared/ms-schemas/README.md)`);
  const schema = JSON.parse(readFileSync(UNIFIED_MANIFEST, "utf8")) as object;
  // strict: false because Ajv's strict mode lints the schema's own style (it rejects, e.g.,
  // additionalProperties without a "type" beside it, which Microsoft's schema has); the data is
  // still checked against every keyword. Patterns are compiled with the u flag, so \p{L} works.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const id = "urn:evalsheet:microsoft-unified-manifest-1.30";
  ajv.addSchema(schema, id);
  const validate = ajv.compile({ $ref: `${id}#/definitions/extensionCustomFunctions` });
  return (metadata) => (validate(metadata) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? e.keyword}`));
}

/** True when xmllint is on PATH. */
export function xmllintAvailable(): boolean {
  return spawnSync("xmllint", ["--version"], { stdio: "ignore" }).status === 0;
}

/**
 * Whether the XSD checks can run. Without xmllint they skip, except in CI, where a failing test is
 * registered instead (call it inside the describe that holds the checks).
 */
export function requireXmllint(suite: string): boolean {
  const flag = (process.env["CI"] ?? "").toLowerCase();
  const inCI = flag !== "" && flag !== "false" && flag !== "0";
  const available = xmllintAvailable();
  if (!available) {
    if (inCI) {
      it("xmllint is installed — required in CI", () => {
        expect.fail(`xmllint is missing in CI; .ci/run must install it (${INSTALL_XMLLINT})`);
      });
    } else {
      console.warn(`[${suite}] skipped: xmllint is missing (install with: ${INSTALL_XMLLINT})`);
    }
  }
  return available;
}

/** Validates an add-in manifest file against Microsoft's XSDs: ok, and xmllint's messages. */
export function validateManifestXsd(file: string): { ok: boolean; output: string } {
  if (!existsSync(MANIFEST_XSD)) throw new Error(`Microsoft's manifest XSDs are missing: ${MANIFEST_XSD} (see ../shared/ms-schemas/README.md)`);
  const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", MANIFEST_XSD, file], { encoding: "utf8", timeout: 60_000 });
  if (run.error) throw run.error;
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}`.trim() };
}
