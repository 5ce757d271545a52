#!/usr/bin/env node
// Rewrites the development origin (https://localhost:3000) of manifest.xml for a deployment.
//
// manifest.xml in the repository always points at the dev server; production manifests are derived
// from it, never edited by hand:
//
//   ADDIN_ORIGIN=https://addin.example.org npm run build        # dist/manifest.xml for that origin
//   node scripts/manifest-url.mjs https://addin.example.org [manifest.xml] [out.xml]
//
// The origin may carry a path prefix (https://example.org/evalsheet) when the add-in is served from a
// sub-folder; it must be https (Office loads add-ins over https only) and have no query or fragment.
// webpack.config.js imports rewriteManifestOrigin() for the copy into dist/.
import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const DEV_ORIGIN = "https://localhost:3000";

/** Normalises and checks an origin (optionally with a path prefix); returns it without a trailing slash. */
export function normalizeOrigin(origin) {
  let url;
  try {
    url = new URL(origin);
  } catch {
    throw new Error(`ADDIN_ORIGIN is not a URL: ${JSON.stringify(origin)}`);
  }
  if (url.protocol !== "https:") {
    throw new Error(`ADDIN_ORIGIN must be https (Office loads add-ins over https only): ${origin}`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`ADDIN_ORIGIN must be an origin with an optional path, nothing else: ${origin}`);
  }
  return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
}

/**
 * Replaces every https://localhost:3000 prefix in the manifest by `origin`. Only whole-origin
 * matches (followed by "/" or a quote) are replaced, so https://localhost:30000 would not be touched.
 */
export function rewriteManifestOrigin(xml, origin) {
  const target = normalizeOrigin(origin);
  const escaped = DEV_ORIGIN.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return xml.replace(new RegExp(`${escaped}(?=[/"'<])`, "g"), target);
}

function main() {
  const [origin, input = "manifest.xml", output] = process.argv.slice(2);
  if (!origin) {
    console.error("usage: node scripts/manifest-url.mjs https://origin[/prefix] [manifest.xml] [out.xml]");
    process.exit(2);
  }
  const xml = rewriteManifestOrigin(readFileSync(resolve(input), "utf8"), origin);
  if (output) writeFileSync(resolve(output), xml);
  else process.stdout.write(xml);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
}
