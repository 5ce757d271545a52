// Types of scripts/manifest-url.mjs (plain ESM, run by Node and imported by webpack.config.js and tests).
export declare const DEV_ORIGIN: "https://localhost:3000";
/** Checks an https origin (optionally with a path prefix) and returns it without a trailing slash. */
export declare function normalizeOrigin(origin: string): string;
/** Replaces every https://localhost:3000 URL prefix of the manifest by `origin`. */
export declare function rewriteManifestOrigin(xml: string, origin: string): string;
