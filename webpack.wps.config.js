// webpack build of the WPS 表格 add-in (a WPS "jsaddin"): `npm run build:wps` runs this, then
// wps/package.ts, which packages the result for online and offline installation (README, "WPS 表格").
//
// dist-wps/online/ (this build's output, the add-in as WPS loads it from a server or a folder):
//   ribbon.xml      the 评价 tab and group with 打开评价面板 (callbacks in main.js)
//   index.html      the page WPS loads with the workbook window: main.js registers EVAL.* with
//                   wps.AddCustomFunction and answers the ribbon
//   taskpane.html   the React pane (taskpane.js + chunks/), opened with Application.CreateTaskPane
//   assets/         icons
// Everything is loaded from the add-in's own folder: no CDN, no Office.js.
//
// The functions' metadata is Excel's: custom-functions-metadata generates it from the JSDoc in
// functions/functions.ts (as CustomFunctionsMetadataPlugin does for functions.json) and it is put
// into main.js, where wps/functionsMeta.ts gives it the Chinese descriptions of
// functions/locales/zh-CN.json and WPS's type names.
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import webpack from "webpack";
import HtmlWebpackPlugin from "html-webpack-plugin";
import CopyWebpackPlugin from "copy-webpack-plugin";
import { splitChunks, typescriptRule } from "./scripts/webpack-ts.mjs";

const root = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const FUNCTIONS_SOURCE = path.join(root, "functions", "functions.ts");

/** Excel's custom-functions metadata for functions/functions.ts, from the same generator. */
async function officeMetadata() {
  const { generateCustomFunctionsMetadata } = require("custom-functions-metadata");
  const result = await generateCustomFunctionsMetadata(FUNCTIONS_SOURCE, false);
  if (result.errors.length > 0) throw new Error(`functions/functions.ts: ${result.errors.join("; ")}`);
  return JSON.parse(result.metadataJson);
}

export default async (_env = {}, argv = {}) => {
  const mode = argv.mode ?? process.env.NODE_ENV ?? "production";
  const production = mode === "production";
  // WPS_DIST: where dist-wps/ goes (the tests build into a temporary directory).
  const outDir = path.join(process.env.WPS_DIST ? path.resolve(process.env.WPS_DIST) : path.join(root, "dist-wps"), "online");
  return {
    mode,
    context: root,
    // WPS's embedded browser is Chromium; its version on the offices' machines is not known here (README).
    target: ["web", "es2020"],
    devtool: production ? false : "source-map",
    entry: {
      main: "./wps/main.ts",
      taskpane: "./wps/pane.tsx",
    },
    output: {
      path: outDir,
      filename: "[name].js",
      chunkFilename: production ? "chunks/[name].[contenthash:8].js" : "chunks/[name].js",
      // Chunks are found relative to the script that loads them: the same files work from a server
      // (online) and from a folder on disk (offline, a file: URL).
      publicPath: "auto",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".mjs", ".js", ".json"] },
    module: { rules: [typescriptRule(root, { sourceMap: !production })] },
    optimization: { splitChunks },
    performance: { assetFilter: (file) => file.endsWith(".js"), maxAssetSize: 2_000_000, maxEntrypointSize: 2_500_000 },
    plugins: [
      new webpack.DefinePlugin({ __EVAL_OFFICE_METADATA__: JSON.stringify(await officeMetadata()) }),
      new HtmlWebpackPlugin({ filename: "index.html", template: "./wps/index.html", chunks: ["main"], inject: "head", scriptLoading: "blocking" }),
      new HtmlWebpackPlugin({ filename: "taskpane.html", template: "./wps/taskpane.html", chunks: ["taskpane"] }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "wps/ribbon.xml", to: "ribbon.xml" },
          { from: "assets/*.png", to: "assets/[name][ext]" },
        ],
      }),
    ],
    infrastructureLogging: { level: "warn" },
  };
};
