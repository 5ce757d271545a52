// ESLint flat config. The rule that matters most: the pure core (src/ minus adapters and the CLI)
// never imports Office.js, the WPS object model, the DOM, React, exceljs or Node's fs — it must run
// in Excel, in WPS, in a browser and in the CLI alike. Adapters and the CLI are the only places that do I/O.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

const coreForbidden = {
  paths: [
    { name: "exceljs", message: "The core never touches exceljs: go through the workbook port (src/workbook) and an adapter." },
    { name: "jszip", message: "File formats belong in src/adapters." },
    { name: "react", message: "The core has no UI." },
    { name: "react-dom", message: "The core has no UI." },
    { name: "fs", message: "The core does no I/O: adapters and the CLI read and write files." },
    { name: "fs/promises", message: "The core does no I/O." },
    { name: "path", message: "The core does no I/O." },
  ],
  patterns: [
    { group: ["node:*"], message: "The core does no I/O and must run in a browser: no Node built-ins." },
    { group: ["@microsoft/office-js", "office-*", "@types/office-js"], message: "Office.js lives in src/adapters/office only." },
    { group: ["et-jsapi-declare", "wpsjs"], message: "The WPS object model lives in src/adapters/wps only." },
    { group: ["@fluentui/*"], message: "The core has no UI." },
    { group: ["**/adapters/**", "**/cli/**"], message: "The core does not depend on adapters or the CLI." },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "dist-wps/", "dist-cli/", "out/", "coverage/", "scratch/", "test-artifacts/", ".*"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/adapters/**", "src/cli/**"],
    languageOptions: { globals: {} },
    rules: {
      "no-restricted-imports": ["error", coreForbidden],
      "no-restricted-globals": ["error",
        { name: "window", message: "No DOM in the core." },
        { name: "document", message: "No DOM in the core." },
        { name: "Office", message: "No Office.js in the core." },
        { name: "Excel", message: "No Office.js in the core." },
        { name: "Application", message: "No WPS object model in the core: go through src/adapters/wps." },
        { name: "wps", message: "No WPS object model in the core: go through src/adapters/wps." },
        { name: "process", message: "No Node globals in the core." },
        { name: "Buffer", message: "No Node globals in the core." },
      ],
    },
  },
);
