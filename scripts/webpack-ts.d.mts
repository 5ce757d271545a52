// Types of scripts/webpack-ts.mjs.
import type { RuleSetRule } from "webpack";
export declare function typescriptRule(root: string, options: { sourceMap: boolean }): RuleSetRule;
export declare const splitChunks: { chunks: "async" };
