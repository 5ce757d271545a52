// webpack build of the Excel add-in: one task pane page that also hosts the custom functions (shared
// runtime, see manifest.xml), the functions' metadata in English and Chinese, the icons and the
// manifest; Office.js from Microsoft's CDN, or a local copy of it.
//
//   npm run build                                   dist/ for https://localhost:3000, Office.js from the CDN
//   ADDIN_ORIGIN=https://addin.example.org npm run build   dist/manifest.xml for that origin
//   OFFICE_JS=local npm run build                   Office.js copied into dist/office/ and loaded from there
//   npm start                                       dev server on port 3000 (https when dev certs exist)
//
// dist/ layout: taskpane.html, taskpane.js, functions.js, functions.json, functions.zh-CN.json,
// chunks/*.js (lazily imported modules; the EVAL.* functions are chunks/eval-functions.*.js, loaded in
// Excel only), assets/*.png, manifest.xml; office/ with OFFICE_JS=local.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import webpack from "webpack";
import HtmlWebpackPlugin from "html-webpack-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";
import CustomFunctionsMetadataPlugin from "custom-functions-metadata-plugin";
import { normalizeOrigin, rewriteManifestOrigin } from "./scripts/manifest-url.mjs";
import { splitChunks, typescriptRule } from "./scripts/webpack-ts.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

const FUNCTIONS_SOURCE = path.join(root, "functions", "functions.ts");
const LOCALIZE_MODULE = path.join(root, "functions", "localize.js");
const ZH_CN_TABLE = path.join(root, "functions", "locales", "zh-CN.json");
const OFFICE_JS_DIST = path.join(path.dirname(require.resolve("@microsoft/office-js/package.json")), "dist");
const OFFICE_JS_CDN = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
const DEV_CERTS = path.join(os.homedir(), ".office-addin-dev-certs");
const PORT = 3000;

/**
 * After CustomFunctionsMetadataPlugin has emitted functions.json, writes functions.zh-CN.json:
 * the same metadata with the Chinese names and descriptions of functions/locales/zh-CN.json, merged
 * by functions/localize.js (`localizeMetadata(metadata, table)`). The manifest serves it to zh-CN
 * Excel through an Override of Functions.Metadata.Url.
 */
class LocalizeFunctionsMetadataPlugin {
  apply(compiler) {
    const name = "LocalizeFunctionsMetadataPlugin";
    compiler.hooks.thisCompilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        // ADDITIONS: after the metadata plugin's asset exists, before anything optimises assets.
        { name, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        async () => {
          compilation.fileDependencies.add(ZH_CN_TABLE);
          compilation.fileDependencies.add(LOCALIZE_MODULE);
          const metadata = compilation.getAsset("functions.json");
          if (!metadata) {
            // The metadata plugin has already reported why (JSDoc errors); do not pile on.
            if (compilation.errors.length === 0) {
              compilation.errors.push(new webpack.WebpackError(`${name}: functions.json was not emitted`));
            }
            return;
          }
          for (const file of [LOCALIZE_MODULE, ZH_CN_TABLE]) {
            if (!fs.existsSync(file)) {
              compilation.errors.push(new webpack.WebpackError(
                `${name}: ${path.relative(root, file)} is missing, so functions.zh-CN.json cannot be written`));
              return;
            }
          }
          try {
            const table = JSON.parse(fs.readFileSync(ZH_CN_TABLE, "utf8"));
            // The query defeats Node's ESM cache, so `npm start` picks up edits to localize.js.
            const url = `${pathToFileURL(LOCALIZE_MODULE).href}?mtime=${fs.statSync(LOCALIZE_MODULE).mtimeMs}`;
            const { localizeMetadata } = await import(url);
            if (typeof localizeMetadata !== "function") throw new Error("functions/localize.js does not export localizeMetadata");
            const localized = localizeMetadata(JSON.parse(metadata.source.source().toString()), table);
            compilation.emitAsset("functions.zh-CN.json", new webpack.sources.RawSource(`${JSON.stringify(localized, null, 2)}\n`));
          } catch (error) {
            compilation.errors.push(new webpack.WebpackError(
              `${name}: ${error instanceof Error ? error.message : String(error)}`));
          }
        },
      );
    });
  }
}

function certificates() {
  const key = path.join(DEV_CERTS, "localhost.key");
  const cert = path.join(DEV_CERTS, "localhost.crt");
  const ca = path.join(DEV_CERTS, "ca.crt");
  if (!fs.existsSync(key) || !fs.existsSync(cert)) return undefined;
  return {
    key: fs.readFileSync(key),
    cert: fs.readFileSync(cert),
    ...(fs.existsSync(ca) ? { ca: fs.readFileSync(ca) } : {}),
  };
}

function sideloadHelp(url, port) {
  return [
    "",
    `evalsheet add-in served at ${url}`,
    ...(port === PORT ? [] : [`WARNING: manifest.xml points at port ${PORT}, not ${port}: Office will not find this server.`]),
    "Sideload manifest.xml (it points at https://localhost:3000):",
    "  Excel desktop, Windows/Mac:  npx office-addin-debugging start manifest.xml",
    "      (office-addin-debugging is not a dependency: npx fetches it; offline, use the next way)",
    "      or Insert > Add-ins > Upload My Add-in > manifest.xml,",
    "      or a shared-folder catalog: share a folder holding manifest.xml, add it under File > Options >",
    "      Trust Center > Trust Center Settings > Trusted Add-in Catalogs (\"Show in Menu\"), restart Excel,",
    "      then Insert > Add-ins > My Add-ins > SHARED FOLDER.",
    "  Excel on the web:            Insert > Add-ins > Upload My Add-in > manifest.xml",
    "",
  ].join("\n");
}

export default (env = {}, argv = {}) => {
  const mode = argv.mode ?? process.env.NODE_ENV ?? "production";
  const production = mode === "production";
  const serving = Boolean(env.WEBPACK_SERVE);

  const officeJs = process.env.OFFICE_JS ?? "cdn";
  if (officeJs !== "local" && officeJs !== "cdn") {
    throw new Error(`OFFICE_JS must be "cdn" (default) or "local", not ${JSON.stringify(officeJs)}`);
  }
  // Microsoft supports Office.js only from its CDN (the npm copy "is no longer officially
  // supported"; AppSource requires the CDN), which also brings the product's fixes without a
  // redeploy: the default. OFFICE_JS=local copies the package's dist/ into dist/office/ and loads it
  // from the add-in's own origin, for intranets that cannot reach Microsoft's CDN — and for the
  // tests, the browser tests and `npm run serve`, which must load nothing from outside
  // (scripts/build-addin.ts asks for it explicitly).
  const officeJsUrl = officeJs === "cdn" ? OFFICE_JS_CDN : "office/office.js";

  const origin = process.env.ADDIN_ORIGIN ? normalizeOrigin(process.env.ADDIN_ORIGIN) : undefined;

  if (!fs.existsSync(FUNCTIONS_SOURCE)) {
    throw new Error(`${path.relative(root, FUNCTIONS_SOURCE)} is missing: the add-in bundles the custom functions with the task pane`);
  }

  const tls = serving ? certificates() : undefined;
  if (serving) {
    console.log(tls
      ? `dev server: https, certificates from ${DEV_CERTS}`
      : `dev server: http (no ${path.join(DEV_CERTS, "localhost.crt")} / localhost.key). Office loads add-ins over https only:\n` +
        "  create them with `npx office-addin-dev-certs install` (installs a CA: needs admin/sudo) and restart.");
  }

  return {
    mode,
    context: root,
    target: ["web", "es2020"],
    // EVALSHEET_SOURCE_MAPS=1: source maps beside a production build, not referenced by its scripts (so the
    // scripts are byte for byte the same); bench/paneWeight.ts attributes the first screen's bytes with them.
    devtool: production ? (process.env.EVALSHEET_SOURCE_MAPS === "1" ? "hidden-source-map" : false) : "source-map",
    entry: {
      taskpane: "./taskpane/index.tsx",
      // functions.js (the manifest's Functions.Script) is functions/start.ts: it asks Excel to wait, and
      // in Excel only imports functions/functions.ts as a lazy chunk, chunks/eval-functions.*.js (with
      // the chunks it shares with the pane's lazy code: zod, the scheme). The metadata plugin's loader
      // still finds that module by its path and appends the CustomFunctions.associate calls to it.
      functions: "./functions/start.ts",
    },
    output: {
      path: path.join(root, "dist"),
      filename: "[name].js",
      // Lazily import()ed modules: content-hashed in production so a redeploy never serves a stale chunk.
      chunkFilename: production ? "chunks/[name].[contenthash:8].js" : "chunks/[name].js",
      // "auto": chunks are found relative to the script that loads them, so nothing in dist/ depends on
      // the origin and only the manifest needs rewriting for a deployment.
      publicPath: "auto",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".mjs", ".js", ".json"],
    },
    module: {
      rules: [typescriptRule(root, { sourceMap: !production })],
    },
    optimization: {
      // Only lazily import()ed modules are split out ("async", webpack's default, written down).
      // Entry chunks stay self-contained: functions.js must also run alone as the manifest's
      // CustomFunctions <Script>. The two entries therefore carry their own webpack runtime and their
      // own copies of shared modules: they must not rely on module-level singletons to talk to each
      // other (use Office APIs or an explicit global for that).
      splitChunks,
    },
    performance: {
      // Budget the code we ship, not the copied Office.js files.
      assetFilter: (file) => file.endsWith(".js") && !file.startsWith("office/"),
      maxAssetSize: 2_000_000,
      maxEntrypointSize: 2_500_000,
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_SOURCE, output: "functions.json" }),
      // The plugin's loader associates every function; functions.ts associates them itself only without it.
      new webpack.DefinePlugin({ EVALSHEET_PLUGIN_ASSOCIATES: "true" }),
      new LocalizeFunctionsMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./taskpane/index.html",
        // Shared runtime: the pane page is also the functions' page, so it loads both bundles,
        // functions first (it marks the shared runtime and delays Excel's initialisation of the custom
        // functions until their chunk has associated them; see functions/start.ts).
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        templateParameters: { officeJsUrl },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) => (origin ? rewriteManifestOrigin(content.toString("utf8"), origin) : content),
          },
          ...(officeJs === "local" ? officeJsCopyPatterns() : []),
        ],
      }),
    ],
    devServer: {
      port: PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: tls ? { type: "https", options: tls } : "http",
      static: false,
      onListening: (devServer) => {
        const address = devServer.server?.address();
        const port = address && typeof address === "object" ? address.port : PORT;
        console.log(sideloadHelp(`${tls ? "https" : "http"}://localhost:${port}/taskpane.html`, port));
      },
    },
    infrastructureLogging: { level: "warn" },
  };
};

/**
 * What office.js fetches at run time, relative to its own URL: the host file for Excel on each
 * platform (excel-<platform>-<version>[-core].js), the table that maps older hosts to those files
 * (o15apptofilemappingtable.js), the UI strings per locale (<locale>/office_strings.js, falling back
 * to en-us/) and the telemetry sink (telemetry/oteljs_agave.js). Debug builds, the other hosts'
 * files (Word, Outlook, ...) and Outlook strings are left out. Copied files are already minified.
 */
function officeJsCopyPatterns() {
  // `to` is a folder: globs keep their relative path under it, single files need theirs spelled out.
  const pattern = (from, to = "office/") => ({
    from,
    context: OFFICE_JS_DIST,
    to,
    globOptions: { ignore: ["**/*.debug.js"] },
    info: { minimized: true },
  });
  return [
    pattern("office.js"),
    pattern("o15apptofilemappingtable.js"),
    pattern("excel-*.js"),
    pattern("*/office_strings.js"),
    pattern("telemetry/oteljs_agave.js", "office/telemetry/"),
  ];
}

