// The production build (`npm run build`, here into a temporary directory with ADDIN_ORIGIN set and
// the local Office.js): what dist/ must hold for the manifest to work, how taskpane.html loads
// Office.js, and the functions' metadata against Microsoft's schema and naming rules.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertSelfContained, offOriginUrls } from "../../scripts/build-addin";
import { rewriteManifestOrigin } from "../../scripts/manifest-url.mjs";
import { buildOnce, OFFICE_JS, removeBuild, REPO, TEST_ORIGIN, type Build } from "./dist";
import { EXCEL_FUNCTION_NAMES } from "./excelFunctionNames";
import { customFunctionsMetadataValidator } from "./msSchemas";
import { generateCustomFunctionsMetadata } from "custom-functions-metadata";
import { localizeMetadata, type FunctionsMetadata, type LocalizationTable } from "../../functions/localize.js";

const OFFICE_JS_DIST = join(REPO, "node_modules", "@microsoft", "office-js", "dist");

interface Metadata {
  functions: Array<{ id: string; name: string; parameters?: Array<{ name: string; type?: string }> }>;
}

let build: Build;
const read = (file: string) => readFileSync(join(build.dir, file), "utf8");
/** The one chunk with the EVAL.* functions' associations (the metadata plugin's loader appends them). */
function functionsChunk(): string {
  const chunks = readdirSync(join(build.dir, "chunks")).filter((f) => f.endsWith(".js")).map((f) => `chunks/${f}`);
  const found = chunks.filter((f) => read(f).includes("CustomFunctions.associate(\"TOTAL\""));
  expect(found, "chunks associating EVAL.TOTAL").toHaveLength(1);
  return found[0]!;
}

beforeAll(async () => {
  build = await buildOnce();
});
afterAll(removeBuild);

describe("npm run build", () => {
  it("succeeds without errors", () => {
    expect(build.log).not.toMatch(/\bERROR\b/);
    console.log(`production build: ${(build.millis / 1000).toFixed(1)} s`);
  });

  it("writes the add-in's files", () => {
    for (const file of [
      "manifest.xml", "taskpane.html", "taskpane.js", "functions.js", "functions.json", "functions.zh-CN.json",
      "office/office.js", "office/o15apptofilemappingtable.js",
      "assets/icon-16.png", "assets/icon-32.png", "assets/icon-64.png", "assets/icon-80.png",
    ]) {
      expect(existsSync(join(build.dir, file)), file).toBe(true);
    }
  });

  it("copies Office.js with what its loader fetches: Excel host files, locale strings, telemetry", () => {
    expect(readFileSync(join(build.dir, "office/office.js")).equals(readFileSync(join(OFFICE_JS_DIST, "office.js")))).toBe(true);
    for (const file of [
      "excel-win32-16.01.js", "excel-web-16.00.js", "excel-mac-16.00.js", "telemetry/oteljs_agave.js",
      "zh-cn/office_strings.js", "zh-tw/office_strings.js", "en-us/office_strings.js",
    ]) {
      expect(existsSync(join(build.dir, "office", file)), file).toBe(true);
    }
    const office = readdirSync(join(build.dir, "office"), { recursive: true }).map(String);
    expect(office.filter((f) => f.endsWith(".debug.js")), "no debug builds").toEqual([]);
    expect(office.filter((f) => /^(word|outlook|powerpoint|onenote|project|access)/.test(f)), "no other hosts").toEqual([]);
  });

  it("loads office/office.js first and relatively in taskpane.html, then functions, then the pane; no CDN", () => {
    expect(OFFICE_JS, "the test build uses the local Office.js").toBe("local");
    const html = read("taskpane.html");
    const scripts = [...html.matchAll(/<script\b[^>]*?\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/g)].map((m) => m[1] ?? m[2] ?? m[3]);
    expect(scripts).toEqual(["office/office.js", "functions.js", "taskpane.js"]);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/src=["']?\/\//);
    expect(html).toMatch(/<html[^>]*\blang=["']?zh-CN/);
    expect(html).toMatch(/id=["']?root/);
    expect(offOriginUrls(html)).toEqual([]);
    expect(() => assertSelfContained(build.dir)).not.toThrow();
  });

  it("writes English and Chinese function metadata for the same functions, each associated in the functions' chunk", () => {
    const english = JSON.parse(read("functions.json")) as Metadata;
    const chinese = JSON.parse(read("functions.zh-CN.json")) as Metadata;
    expect(english.functions.length).toBeGreaterThan(0);
    const ids = english.functions.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(chinese.functions.map((f) => f.id)).toEqual(ids);
    const shape = (m: Metadata) => m.functions.map((f) => (f.parameters ?? []).map((p) => [p.name, p.type]));
    expect(shape(chinese), "same parameters").toEqual(shape(english));
    const chunk = read(functionsChunk());
    for (const id of ids) expect(chunk, id).toContain(`CustomFunctions.associate("${id}"`);
    // Once each: Office.js warns "[DuplicatedName]" for an id associated twice.
    for (const id of ids) expect(chunk.split(`.associate("${id}"`).length - 1, `${id} associated once`).toBe(1);
  });

  it("generates the metadata from functions/functions.ts's JSDoc, the Chinese from locales/zh-CN.json", async () => {
    const generated = await generateCustomFunctionsMetadata(join(REPO, "functions", "functions.ts"));
    expect(generated.errors).toEqual([]);
    expect(read("functions.json")).toBe(generated.metadataJson);
    const table = JSON.parse(readFileSync(join(REPO, "functions", "locales", "zh-CN.json"), "utf8")) as LocalizationTable;
    expect(read("functions.zh-CN.json")).toBe(`${JSON.stringify(localizeMetadata(JSON.parse(generated.metadataJson) as FunctionsMetadata, table), null, 2)}\n`);
  });

  it("keeps functions.js small: it delays Excel's initialisation and imports the EVAL.* functions' chunk later, in Excel only", () => {
    const script = read("functions.js");
    // Before: 137 KB, the functions with the built-in scheme and zod, evaluated at every page start.
    expect(script.length).toBeLessThan(10_000);
    expect(script).not.toContain("cq-2024");
    expect(script).not.toMatch(/ZodError|zod/i);
    expect(script).not.toContain("CustomFunctions.associate(\"");
    expect(script).toContain("delayInitialization");
    expect(script).toContain("evalsheet.functionsRuntime");
    // The chunk holding the associations is one functions.js loads (webpack's chunk table names its hash).
    const chunk = functionsChunk();
    expect(script).toContain(chunk.match(/\.([0-9a-f]{8})\.js$/)![1]);
  });

  it("writes functions.json and functions.zh-CN.json that conform to Microsoft's schema for custom-functions metadata", () => {
    const validate = customFunctionsMetadataValidator();
    for (const file of ["functions.json", "functions.zh-CN.json"]) {
      expect(validate(JSON.parse(read(file))), file).toEqual([]);
    }
    // The zh-CN names before this check (总分, 加分, 等次, 排名, 封顶: two characters) break the
    // schema's rule of at least three; the validator must say so.
    const chinese = JSON.parse(read("functions.zh-CN.json")) as Metadata;
    const old: Record<string, string> = { TOTAL: "总分", BONUS: "加分", TIER: "等次", GROUPRANK: "排名", CAP: "封顶" };
    const twoCharacterNames = { ...chinese, functions: chinese.functions.map((f) => ({ ...f, name: old[f.id] ?? f.name })) };
    const problems = validate(twoCharacterNames);
    expect(problems.filter((p) => /^\/functions\/\d+\/name must NOT have fewer than 3 characters/.test(p))).toHaveLength(5);
    expect(validate({ functions: [{ ...chinese.functions[0], id: "X1" }] })).toContain("/functions/0/id must NOT have fewer than 3 characters");
  });

  it("names no function like one of Excel's built-in functions, in either language", () => {
    expect(EXCEL_FUNCTION_NAMES.size).toBeGreaterThan(500);
    expect(EXCEL_FUNCTION_NAMES.has("RANK"), "the list holds RANK, which EVAL.RANK used to shadow").toBe(true);
    for (const file of ["functions.json", "functions.zh-CN.json"]) {
      for (const f of (JSON.parse(read(file)) as Metadata).functions) {
        for (const name of [f.id, f.name]) expect(EXCEL_FUNCTION_NAMES.has(name.toUpperCase()), `${file}: ${name}`).toBe(false);
      }
    }
  });

  it("writes the manifest for ADDIN_ORIGIN", () => {
    const manifest = read("manifest.xml");
    expect(manifest).toBe(rewriteManifestOrigin(readFileSync(join(REPO, "manifest.xml"), "utf8"), TEST_ORIGIN));
    expect(manifest).toContain(`${TEST_ORIGIN}/taskpane.html`);
    expect(manifest).not.toMatch(/https:\/\/localhost:3000\//);
  });
});

describe("webpack.config.js", () => {
  type Config = {
    entry: Record<string, string>;
    output: { chunkFilename: string };
    optimization: { splitChunks: { chunks: string } };
    plugins: Array<{ constructor: { name: string }; userOptions?: Record<string, unknown>; patterns?: Array<{ to?: string }> }>;
    devServer: { port: number; headers: Record<string, string> };
  };
  const load = async (env: Record<string, string | undefined>): Promise<Config> => {
    const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
    const set = (values: Record<string, string | undefined>) => {
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    };
    set(env);
    try {
      const module = (await import(pathToFileURL(join(REPO, "webpack.config.js")).href)) as { default: (env: object, argv: object) => Config };
      return module.default({}, { mode: "production" });
    } finally {
      set(saved);
    }
  };
  const html = (config: Config) => config.plugins.find((p) => p.constructor.name === "HtmlWebpackPlugin")?.userOptions;
  const copied = (config: Config) => config.plugins.find((p) => p.constructor.name === "CopyPlugin")?.patterns?.map((p) => p.to) ?? [];

  it("builds the pane and the functions into one page, splitting only lazy imports", async () => {
    const config = await load({ OFFICE_JS: "local" });
    expect(config.entry).toEqual({ taskpane: "./taskpane/index.tsx", functions: "./functions/start.ts" });
    expect(html(config)?.chunks).toEqual(["functions", "taskpane"]);
    expect(config.optimization.splitChunks.chunks).toBe("async");
    expect(config.output.chunkFilename).toMatch(/^chunks\//);
    expect(config.devServer.port).toBe(3000);
    expect(config.devServer.headers["Access-Control-Allow-Origin"]).toBe("*");
    expect((html(config)?.templateParameters as { officeJsUrl: string }).officeJsUrl).toBe("office/office.js");
    expect(copied(config)).toContain("office/");
  });

  it("loads Office.js from Microsoft's CDN by default (npm run build) and with OFFICE_JS=cdn, copying none of it", async () => {
    for (const officeJs of [undefined, "cdn"]) {
      const config = await load({ OFFICE_JS: officeJs });
      expect((html(config)?.templateParameters as { officeJsUrl: string }).officeJsUrl, `OFFICE_JS=${officeJs}`).toBe("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      expect(copied(config).filter((to) => to?.startsWith("office/")), `OFFICE_JS=${officeJs}`).toEqual([]);
    }
  });

  it("OFFICE_JS=local copies Office.js into office/ and loads it from the add-in's origin", async () => {
    const config = await load({ OFFICE_JS: "local" });
    expect((html(config)?.templateParameters as { officeJsUrl: string }).officeJsUrl).toBe("office/office.js");
    expect(copied(config)).toContain("office/");
  });

  it("refuses an unknown OFFICE_JS and a non-https ADDIN_ORIGIN", async () => {
    await expect(load({ OFFICE_JS: "unpkg" })).rejects.toThrow(/OFFICE_JS/);
    await expect(load({ ADDIN_ORIGIN: "http://example.org" })).rejects.toThrow(/https/);
  });
});

describe("scripts/build-addin.ts", () => {
  it("finds every URL of a page that leaves its origin", () => {
    const cdn = '<script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>';
    expect(offOriginUrls(cdn)).toEqual(["https://appsforoffice.microsoft.com/lib/1/hosted/office.js"]);
    expect(offOriginUrls("<script src=//cdn.example.org/x.js></script><link href='HTTP://e.org/a.css'>")).toEqual(["//cdn.example.org/x.js", "HTTP://e.org/a.css"]);
    expect(offOriginUrls('<script src=office/office.js></script><link rel=icon href="assets/icon-32.png"><script src="/a.js"></script>')).toEqual([]);
  });

  it("refuses a build whose taskpane.html loads Office.js from the CDN", () => {
    const dir = mkdtempSync(join(tmpdir(), "evalsheet-cdn-"));
    try {
      writeFileSync(join(dir, "taskpane.html"), '<html><head><script src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script></head></html>');
      expect(() => assertSelfContained(dir)).toThrow(/outside its origin.*appsforoffice.*OFFICE_JS=local/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
