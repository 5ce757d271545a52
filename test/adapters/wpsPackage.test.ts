import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import JSZip from "jszip";
import { ADDIN_NAME, offlineEntry, onlineEntry, packageWps, type WpsPackage } from "../../wps/package";

/*
 * The two packages of the WPS add-in (wps/package.ts, step 2 of npm run build:wps) on a stand-in
 * for webpack's output, and the offline install script run for real (sh) against a jsaddons folder
 * whose publish.xml lists other add-ins: they must survive an install, an update and a removal.
 */

let dir: string;
let pkg: WpsPackage;
const URL_ = "https://intranet.example.gov.cn/evalsheet/";
const OTHERS = [
  `<jspluginonline name="oa" type="wps" url="http://oa.example/addin/" enable="enable_dev" install="null" customDomain=""/>`,
  `<jsplugin name="evalsheet2" type="et" url="evalsheet2_1.0" version="1.0" enable="enable_dev" install="null" customDomain=""/>`,
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "evalsheet-wps-package-"));
  const online = join(dir, "dist", "online");
  mkdirSync(join(online, "assets"), { recursive: true });
  for (const f of ["ribbon.xml", "index.html", "main.js", "taskpane.html", "taskpane.js", "assets/icon-32.png"]) writeFileSync(join(online, f), `stand-in for ${f}`);
  pkg = await packageWps(join(dir, "dist"), URL_, "0.2.0");
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A jsaddons folder as a user's WPS has it: other add-ins listed (one online, one offline with its folder) and an older evalsheet. */
function jsaddons(name: string, withOld = true): string {
  const addons = join(dir, name);
  mkdirSync(join(addons, "evalsheet2_1.0"), { recursive: true });
  if (withOld) mkdirSync(join(addons, "evalsheet_0.1.0"), { recursive: true });
  const old = withOld ? [`  <jsplugin name="evalsheet" type="et" url="evalsheet_0.1.0" version="0.1.0" enable="enable_dev" install="null" customDomain=""/>`] : [];
  writeFileSync(join(addons, "publish.xml"), ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>", "<jsplugins>", `  ${OTHERS[0]}`, ...old, `  ${OTHERS[1]}`, "</jsplugins>", ""].join("\n"));
  return addons;
}

function install(from: string, addons: string, ...args: string[]) {
  return spawnSync("sh", [join(from, "install.sh"), ...args], { encoding: "utf8", env: { ...process.env, WPS_JSADDONS: addons } });
}

const entries = (xml: string) => xml.match(/<jsplugin(online)?\b[^>]*\/>/g) ?? [];

describe("the WPS add-in's packages", () => {
  it("online: publish.html installs this one add-in through WPS's local service, as wpsjs's page does, and publish.xml holds its entry", () => {
    const html = readFileSync(join(pkg.online, "publish.html"), "utf8");
    const addon = JSON.parse(/var ADDON = (\{.*?\});/.exec(html)![1]!) as Record<string, string>;
    expect(addon).toEqual({ name: ADDIN_NAME, addonType: "et", online: "true", multiUser: "false", customDomain: "", url: URL_, version: "0.2.0" });
    expect(html).toContain('"/deployaddons/runParams"');
    expect(html).toContain("http://127.0.0.1:58890");
    expect(html).not.toMatch(/disableall/);
    // Nothing but WPS's local service and the add-in's own address: no script or style from elsewhere.
    expect(html.match(/https?:\/\/[^"'\s<]+/g)?.filter((u) => !u.startsWith("http://127.0.0.1:58890") && u !== URL_)).toEqual([]);
    expect(readFileSync(join(pkg.online, "publish.xml"), "utf8")).toBe(`<jsplugins>\n  ${onlineEntry(URL_)}\n</jsplugins>\n`);
  });

  it("offline: a folder <name>_<version> with the add-in, install scripts for Windows, Linux and macOS, the entry, and all of it zipped", async () => {
    expect(pkg.folder.endsWith("evalsheet_0.2.0")).toBe(true);
    expect(readdirSync(pkg.folder).sort()).toEqual(["assets", "index.html", "main.js", "ribbon.xml", "taskpane.html", "taskpane.js"]);
    expect(readFileSync(join(pkg.offline, "publish.xml"), "utf8")).toContain(offlineEntry("0.2.0"));
    const ps1 = readFileSync(join(pkg.offline, "install.ps1"), "utf8");
    expect(ps1.startsWith("\uFEFF")).toBe(true); // Windows PowerShell 5 reads UTF-8 only with the mark
    expect(ps1).toContain("$Version = '0.2.0'");
    expect(readFileSync(join(pkg.offline, "install.cmd"), "utf8")).toContain("install.ps1");
    const zip = await JSZip.loadAsync(readFileSync(pkg.zip));
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir).sort();
    expect(names).toEqual(["evalsheet_0.2.0/assets/icon-32.png", "evalsheet_0.2.0/index.html", "evalsheet_0.2.0/main.js", "evalsheet_0.2.0/ribbon.xml", "evalsheet_0.2.0/taskpane.html", "evalsheet_0.2.0/taskpane.js", "install.cmd", "install.ps1", "install.sh", "publish.xml", "uninstall.cmd", "安装说明.txt"]);
  });

  it("install.sh (from the unzipped archive) adds the entry and the folder, replaces an older version, keeps every other add-in; --remove takes only its own", async () => {
    const unzipped = join(dir, "unzipped");
    const zip = await JSZip.loadAsync(readFileSync(pkg.zip));
    for (const [name, file] of Object.entries(zip.files)) {
      if (file.dir) continue;
      mkdirSync(dirname(join(unzipped, name)), { recursive: true });
      writeFileSync(join(unzipped, name), await file.async("uint8array"));
    }
    chmodSync(join(unzipped, "install.sh"), 0o755);
    const addons = jsaddons("addons-update");
    const first = install(unzipped, addons);
    expect(first.status, first.stderr).toBe(0);
    const xml = readFileSync(join(addons, "publish.xml"), "utf8");
    expect(entries(xml)).toEqual([...OTHERS, offlineEntry("0.2.0")]);
    expect(readFileSync(join(addons, "publish.xml.bak"), "utf8")).toContain('url="evalsheet_0.1.0"');
    expect(readdirSync(addons).sort()).toEqual(["evalsheet2_1.0", "evalsheet_0.2.0", "publish.xml", "publish.xml.bak"]);
    expect(readFileSync(join(addons, "evalsheet_0.2.0", "ribbon.xml"), "utf8")).toBe("stand-in for ribbon.xml");
    // Installing again changes nothing.
    expect(install(unzipped, addons).status).toBe(0);
    expect(entries(readFileSync(join(addons, "publish.xml"), "utf8"))).toEqual([...OTHERS, offlineEntry("0.2.0")]);
    const removed = install(unzipped, addons, "--remove");
    expect(removed.status, removed.stderr).toBe(0);
    expect(entries(readFileSync(join(addons, "publish.xml"), "utf8"))).toEqual(OTHERS);
    expect(readdirSync(addons).sort()).toEqual(["evalsheet2_1.0", "publish.xml", "publish.xml.bak"]);
  });

  it("install.sh creates publish.xml when there is none, and leaves a publish.xml it cannot read as it was", () => {
    const fresh = join(dir, "addons-fresh");
    expect(install(pkg.offline, fresh).status).toBe(0);
    expect(entries(readFileSync(join(fresh, "publish.xml"), "utf8"))).toEqual([offlineEntry("0.2.0")]);
    const broken = join(dir, "addons-broken");
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, "publish.xml"), "this is not a list of add-ins");
    const r = install(pkg.offline, broken);
    expect(r.status).not.toBe(0);
    expect(readFileSync(join(broken, "publish.xml"), "utf8")).toBe("this is not a list of add-ins");
    expect(existsSync(join(broken, "evalsheet_0.2.0"))).toBe(false);
  });

  it("install.ps1 (Windows; not run here) edits publish.xml as XML and removes only this add-in's entries and folders", () => {
    const ps1 = readFileSync(join(pkg.offline, "install.ps1"), "utf8");
    expect(ps1).toContain("$doc.Load($Xml)");
    expect(ps1).toMatch(/GetAttribute\('name'\) -eq \$Name \}\)\) \{ \[void\]\$root\.RemoveChild/);
    expect(ps1).toContain('-Filter "${Name}_*"');
    // The file is written once, through the document it was read into: never copied over.
    expect(ps1.match(/\$Xml\b/g)?.length).toBeGreaterThan(0);
    expect(ps1).not.toMatch(/Copy-Item[^\n]*publish\.xml"?\s+\$Dir/);
    expect(ps1).toContain(`Join-Path $env:APPDATA 'kingsoft\\wps\\jsaddons'`);
    execFileSync("sh", ["-n", join(pkg.offline, "install.sh")]);
  });
});
