// How the add-in's TypeScript is compiled by webpack, shared by webpack.config.js and the pane-weight
// benchmark's baseline build, so the two are built the same way.
import path from "node:path";

/** The ts-loader rule: types are stripped only (type checking is `npm run typecheck`'s job). */
export function typescriptRule(root, { sourceMap }) {
  return {
    test: /\.tsx?$/,
    exclude: /node_modules/,
    use: {
      loader: "ts-loader",
      options: {
        transpileOnly: true,
        configFile: path.join(root, "tsconfig.json"),
        compilerOptions: { noEmit: false, module: "esnext", sourceMap },
      },
    },
  };
}

/** Lazily import()ed modules become separate chunks; the first screen loads only what it needs. */
export const splitChunks = { chunks: "async" };
