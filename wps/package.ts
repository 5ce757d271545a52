// Step 2 of `npm run build:wps` (after webpack.wps.config.js): packages dist-wps/online, the add-in,
// the two ways WPS installs add-ins.
//
//   dist-wps/online/    put this folder on a web server at WPS_ADDIN_URL (ending in "/"); it gains
//     publish.html      the install page, as wpsjs publishes one: each office PC opens it in a
//                       browser and clicks 安装 / 更新 / 卸载 (WPS edits its own publish.xml)
//     publish.xml       the entry WPS keeps for the add-in (<jspluginonline …/>), for reference
//   dist-wps/offline/   for offices without the server: the folder <name>_<version> (the add-in),
//                       install.sh (Linux, macOS), install.ps1 + install.cmd / uninstall.cmd
//                       (Windows), publish.xml (the <jsplugin …/> entry they write) and 安装说明.txt,
//                       and all of it as <name>_<version>.zip
// The install scripts merge that one entry into the user's publish.xml; they never replace the file.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
export const ADDIN_NAME = "evalsheet";
const ADDIN_FILES = ["ribbon.xml", "index.html", "main.js", "taskpane.html", "taskpane.js"];

export interface WpsPackage {
  readonly online: string;
  readonly offline: string;
  readonly folder: string;
  readonly zip: string;
  readonly url: string;
  readonly version: string;
}

/** The entry WPS keeps in publish.xml for an add-in served from `url` (as wpsjs writes it). */
export function onlineEntry(url: string): string {
  return `<jspluginonline name="${ADDIN_NAME}" type="et" url="${url}" enable="enable_dev" install="null" customDomain=""/>`;
}

/** The entry for the add-in in the folder <name>_<version> beside publish.xml (as wpsjs's installer writes it). */
export function offlineEntry(version: string): string {
  return `<jsplugin name="${ADDIN_NAME}" type="et" url="${ADDIN_NAME}_${version}" version="${version}" enable="enable_dev" install="null" customDomain=""/>`;
}

export async function packageWps(dist: string, url: string, version: string): Promise<WpsPackage> {
  if (!/^https?:\/\/.+\/$/.test(url)) throw new Error(`WPS_ADDIN_URL must be an http(s) URL ending in "/", not ${url}`);
  const online = join(dist, "online");
  for (const f of ADDIN_FILES) if (!existsSync(join(online, f))) throw new Error(`${relative(ROOT, join(online, f))} is missing: run webpack --config webpack.wps.config.js first`);
  const fill = (text: string) => text.replace(/__NAME__/g, ADDIN_NAME).replace(/__VERSION__/g, version);
  const addon = { name: ADDIN_NAME, addonType: "et", online: "true", multiUser: "false", customDomain: "", url, version };
  writeFileSync(join(online, "publish.html"), readFileSync(join(ROOT, "wps", "publish.html"), "utf8").replace("__ADDON__", JSON.stringify(addon)));
  writeFileSync(join(online, "publish.xml"), `<jsplugins>\n  ${onlineEntry(url)}\n</jsplugins>\n`);

  const offline = join(dist, "offline");
  const folderName = `${ADDIN_NAME}_${version}`;
  const folder = join(offline, folderName);
  rmSync(offline, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  for (const entry of readdirSync(online)) if (!entry.startsWith("publish.")) cpSync(join(online, entry), join(folder, entry), { recursive: true });
  const install = join(ROOT, "wps", "install");
  writeFileSync(join(offline, "install.sh"), fill(readFileSync(join(install, "install.sh"), "utf8")), { mode: 0o755 });
  // With a byte-order mark: Windows PowerShell 5 reads a script without one in the ANSI code page.
  writeFileSync(join(offline, "install.ps1"), `\uFEFF${fill(readFileSync(join(install, "install.ps1"), "utf8")).replace(/\r?\n/g, "\r\n")}`);
  for (const cmd of ["install.cmd", "uninstall.cmd"]) cpSync(join(install, cmd), join(offline, cmd));
  writeFileSync(join(offline, "publish.xml"), `<jsplugins>\n  ${offlineEntry(version)}\n</jsplugins>\n`);
  writeFileSync(join(offline, "安装说明.txt"), fill(readFileSync(join(install, "README.txt"), "utf8")).replace(/\r?\n/g, "\r\n"));

  const zip = new JSZip();
  const add = (path: string, name: string) => {
    if (statSync(path).isDirectory()) for (const e of readdirSync(path)) add(join(path, e), `${name}/${e}`);
    else zip.file(name, readFileSync(path), { unixPermissions: name.endsWith(".sh") ? 0o755 : 0o644 });
  };
  for (const e of readdirSync(offline)) add(join(offline, e), e);
  const zipPath = join(offline, `${folderName}.zip`);
  writeFileSync(zipPath, await zip.generateAsync({ type: "uint8array", platform: "UNIX", compression: "DEFLATE" }));
  return { online, offline, folder, zip: zipPath, url, version };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
  const dist = process.env["WPS_DIST"] ?? join(ROOT, "dist-wps");
  const url = process.env["WPS_ADDIN_URL"] ?? "http://localhost:3889/";
  const done = await packageWps(dist, url, pkg.version);
  console.log(`dist-wps: online  ${relative(ROOT, done.online)}/ (serve it at ${url}; offices open ${url}publish.html)`);
  console.log(`          offline ${relative(ROOT, done.folder)}/ and ${relative(ROOT, done.zip)}`);
  if (!process.env["WPS_ADDIN_URL"]) console.log("          WPS_ADDIN_URL was not set: publish.html points at http://localhost:3889/ (npm run build:wps with WPS_ADDIN_URL=https://your.host/evalsheet/)");
}
