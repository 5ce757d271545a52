// Structural checks of manifest.xml, offline (office-addin-manifest validate needs Microsoft's online
// service). What the schema fixes — element order, resource ids and kinds, string lengths — and what
// this add-in promises: a shared runtime, ReadWriteDocument only, zh-CN with en-US overrides,
// icons of the declared sizes, every URL a file the build writes.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childrenNamed, descendants, onlyChild, parseXml, path, XmlError, type XmlElement } from "../support/xml";
import { buildOnce, DEV_ORIGIN, removeBuild, REPO, type Build } from "./dist";
import { requireXmllint, validateManifestXsd } from "./msSchemas";
import { normalizeOrigin, rewriteManifestOrigin } from "../../scripts/manifest-url.mjs";

const NS = {
  app: "http://schemas.microsoft.com/office/appforoffice/1.1",
  xsi: "http://www.w3.org/2001/XMLSchema-instance",
  bt: "http://schemas.microsoft.com/office/officeappbasictypes/1.0",
  ov: "http://schemas.microsoft.com/office/taskpaneappversionoverrides",
};

// The OfficeApp sequence of the TaskPaneApp schema (optional elements included).
const OFFICE_APP_ORDER = [
  "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
  "Dictionary", "VersionOverrides",
];
const OFFICE_APP_REQUIRED = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "DefaultSettings", "Permissions"];

const source = readFileSync(join(REPO, "manifest.xml"), "utf8");
const manifest = parseXml(source);
const all = descendants(manifest);
const versionOverrides = onlyChild(manifest, "VersionOverrides");
const host = path(versionOverrides, "Hosts", "Host");
const resources = onlyChild(versionOverrides, "Resources");

const xsiType = (e: XmlElement) => e.attrs["xsi:type"];
const names = (elements: readonly XmlElement[]) => elements.map((e) => e.local);
const CJK = /[\u3400-\u9fff]/;

type ResourceKind = "Images" | "Urls" | "ShortStrings" | "LongStrings";
const resourceDefinitions = (["Images", "Urls", "ShortStrings", "LongStrings"] as const).flatMap((kind) =>
  childrenNamed(resources, kind, NS.bt).flatMap((group) => group.children.map((element) => ({ kind: kind as ResourceKind, element }))),
);
const resourceById = new Map(resourceDefinitions.map((d) => [d.element.attrs.id as string, d]));

/** The kind of resource an element with a resid must refer to. */
function expectedKind(element: XmlElement): ResourceKind {
  switch (element.local) {
    case "Image": return "Images";
    case "SourceLocation": case "LearnMoreUrl": case "FunctionFile": case "Runtime": return "Urls";
    case "Label": case "Title": case "Namespace": return "ShortStrings";
    case "Description": return "LongStrings";
    default: throw new Error(`unexpected resid on <${element.name}> (line ${element.line})`);
  }
}

/** Every URL the manifest declares: [where, url]. */
function declaredUrls(): Array<[string, string]> {
  const urls: Array<[string, string]> = [];
  for (const local of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) {
    urls.push([local, onlyChild(manifest, local).attrs.DefaultValue as string]);
  }
  urls.push(["DefaultSettings", path(manifest, "DefaultSettings", "SourceLocation").attrs.DefaultValue as string]);
  for (const { kind, element } of resourceDefinitions) {
    if (kind !== "Images" && kind !== "Urls") continue;
    urls.push([element.attrs.id as string, element.attrs.DefaultValue as string]);
    for (const o of childrenNamed(element, "Override")) urls.push([`${element.attrs.id} (${o.attrs.Locale})`, o.attrs.Value as string]);
  }
  return urls;
}

interface Png { width: number; height: number; }

/** Reads a PNG: signature, every chunk's CRC, IHDR, and that the image data inflates to its size. */
function readPng(file: string): Png {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file}: PNG signature`).toBe(true);
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number } | undefined;
  const idat: Buffer[] = [];
  let ended = false;
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString("latin1", at + 4, at + 8);
    const data = bytes.subarray(at + 8, at + 8 + length);
    const crc = bytes.readUInt32BE(at + 8 + length);
    expect(crc32(bytes.subarray(at + 4, at + 8 + length)), `${file}: CRC of ${type}`).toBe(crc);
    if (type === "IHDR") header = { width: data.readUInt32BE(0), height: data.readUInt32BE(4), depth: data[8] as number, colour: data[9] as number };
    if (type === "IDAT") idat.push(data);
    if (type === "IEND") ended = true;
    at += 12 + length;
  }
  expect(header, `${file}: IHDR`).toBeDefined();
  expect(ended, `${file}: IEND`).toBe(true);
  const { width, height, depth, colour } = header as NonNullable<typeof header>;
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colour];
  if (depth === 8 && channels) {
    expect(inflateSync(Buffer.concat(idat)).length, `${file}: image data size`).toBe((width * channels + 1) * height);
  }
  return { width, height };
}

function crc32(buffer: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of buffer) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe("manifest.xml: XML and root", () => {
  it("is well-formed (and the parser does reject malformed XML)", () => {
    expect(() => parseXml(source)).not.toThrow();
    expect(() => parseXml("<a><b></a>")).toThrow(XmlError);
    expect(() => parseXml('<a x="1" x="2"/>')).toThrow(XmlError);
    expect(() => parseXml("<a/><b/>")).toThrow(XmlError);
    expect(() => parseXml("<p:a/>")).toThrow(/undeclared namespace prefix/);
    expect(() => parseXml("<a>&nbsp;</a>")).toThrow(/unknown entity/);
  });

  it("is a TaskPaneApp OfficeApp with the four namespaces", () => {
    expect(manifest.local).toBe("OfficeApp");
    expect(manifest.ns).toBe(NS.app);
    expect(manifest.attrs["xmlns:xsi"]).toBe(NS.xsi);
    expect(manifest.attrs["xmlns:bt"]).toBe(NS.bt);
    expect(manifest.attrs["xmlns:ov"]).toBe(NS.ov);
    expect(manifest.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(source.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
  });

  it("orders OfficeApp's children as the schema requires, with the required ones present", () => {
    const order = names(manifest.children);
    expect(new Set(order).size, `no element twice: ${order.join(", ")}`).toBe(order.length);
    const positions = order.map((n) => OFFICE_APP_ORDER.indexOf(n));
    expect(positions.every((p) => p >= 0), `only schema elements: ${order.join(", ")}`).toBe(true);
    expect(positions, "schema order").toEqual([...positions].sort((a, b) => a - b));
    for (const required of OFFICE_APP_REQUIRED) expect(order).toContain(required);
    expect(order.at(-1)).toBe("VersionOverrides");
    expect(onlyChild(manifest, "Id").text.trim()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);
    expect(onlyChild(manifest, "Version").text.trim()).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });
});

describe("manifest.xml: host, requirements, permissions", () => {
  it("targets Excel workbooks only", () => {
    expect(onlyChild(manifest, "Hosts").children.map((h) => h.attrs.Name)).toEqual(["Workbook"]);
    expect(xsiType(host)).toBe("Workbook");
  });

  it("requires SharedRuntime 1.1 and ExcelApi 1.12 (1.13 is checked at run time, not required)", () => {
    const sets = path(manifest, "Requirements", "Sets");
    expect(sets.attrs.DefaultMinVersion).toBe("1.1");
    const required = Object.fromEntries(sets.children.map((s) => [s.attrs.Name, s.attrs.MinVersion]));
    expect(required).toEqual({ SharedRuntime: "1.1", ExcelApi: "1.12" });
  });

  it("asks for ReadWriteDocument and nothing else", () => {
    const permissions = childrenNamed(manifest, "Permissions");
    expect(permissions).toHaveLength(1);
    expect(permissions[0]?.text.trim()).toBe("ReadWriteDocument");
    expect(permissions[0]?.children).toHaveLength(0);
  });
});

describe("manifest.xml: shared runtime and extension points", () => {
  it("is VersionOverridesV1_0 in the taskpane overrides namespace, Hosts then Resources", () => {
    expect(versionOverrides.ns).toBe(NS.ov);
    expect(xsiType(versionOverrides)).toBe("VersionOverridesV1_0");
    expect(names(versionOverrides.children)).toEqual(["Hosts", "Resources"]);
    expect(names(resources.children)).toEqual(["Images", "Urls", "ShortStrings", "LongStrings"]);
  });

  it("declares Runtimes, then AllFormFactors, then DesktopFormFactor", () => {
    expect(names(host.children)).toEqual(["Runtimes", "AllFormFactors", "DesktopFormFactor"]);
    const runtime = path(host, "Runtimes", "Runtime");
    expect(runtime.attrs).toEqual({ resid: "Taskpane.Url", lifetime: "long" });
  });

  it("hosts the custom functions in the task pane's page (one runtime)", () => {
    const cf = path(host, "AllFormFactors", "ExtensionPoint");
    expect(xsiType(cf)).toBe("CustomFunctions");
    expect(names(cf.children)).toEqual(["Script", "Page", "Metadata", "Namespace"]);
    expect(path(cf, "Page", "SourceLocation").attrs.resid).toBe("Taskpane.Url");
    expect(path(cf, "Script", "SourceLocation").attrs.resid).toBe("Functions.Script.Url");
    expect(path(cf, "Metadata", "SourceLocation").attrs.resid).toBe("Functions.Metadata.Url");
    expect(onlyChild(cf, "Namespace").attrs.resid).toBe("Functions.Namespace");
    const desktop = onlyChild(host, "DesktopFormFactor");
    expect(names(desktop.children)).toEqual(["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expect(names(onlyChild(desktop, "GetStarted").children)).toEqual(["Title", "Description", "LearnMoreUrl"]);
    expect(onlyChild(desktop, "FunctionFile").attrs.resid).toBe("Taskpane.Url");
  });

  it("has a 评价 tab and group whose button opens the pane (ShowTaskpane, same page as the runtime)", () => {
    const surface = path(host, "DesktopFormFactor", "ExtensionPoint");
    expect(xsiType(surface)).toBe("PrimaryCommandSurface");
    const tab = onlyChild(surface, "CustomTab");
    expect(names(tab.children)).toEqual(["Group", "Label"]);
    const group = onlyChild(tab, "Group");
    expect(names(group.children)).toEqual(["Label", "Icon", "Control"]);
    const label = (e: XmlElement) => resourceById.get(onlyChild(e, "Label").attrs.resid as string)?.element;
    for (const labelled of [tab, group]) {
      expect(label(labelled)?.attrs.DefaultValue).toBe("评价");
      expect(childrenNamed(label(labelled) as XmlElement, "Override").find((o) => o.attrs.Locale === "en-US")?.attrs.Value).toBe("Evaluation");
    }
    const button = onlyChild(group, "Control");
    expect(xsiType(button)).toBe("Button");
    expect(names(button.children)).toEqual(["Label", "Supertip", "Icon", "Action"]);
    expect(label(button)?.attrs.DefaultValue).toBe("打开评价面板");
    const action = onlyChild(button, "Action");
    expect(xsiType(action)).toBe("ShowTaskpane");
    expect(names(action.children)).toEqual(["TaskpaneId", "SourceLocation"]);
    expect(onlyChild(action, "TaskpaneId").text.trim()).not.toBe("");
    expect(onlyChild(action, "SourceLocation").attrs.resid).toBe(path(host, "Runtimes", "Runtime").attrs.resid);
    for (const icon of [onlyChild(group, "Icon"), onlyChild(button, "Icon")]) {
      expect(icon.children.map((i) => i.attrs.size)).toEqual(["16", "32", "80"]);
    }
  });

  it("has one task pane in the shared runtime: every ShowTaskpane action carries the same TaskpaneId and opens the runtime's page", () => {
    // Microsoft's shared-runtime guide ("Multiple task panes"): a shared runtime supports one task
    // pane, and a ShowTaskpane action without a TaskpaneId counts as a different task pane. So the
    // TaskpaneId stays, one for all actions, and every action opens the page the runtime runs.
    const runtimePage = path(host, "Runtimes", "Runtime").attrs.resid;
    const actions = all.filter((e) => e.local === "Action" && xsiType(e) === "ShowTaskpane");
    expect(actions.length).toBeGreaterThan(0);
    const ids = actions.map((action) => {
      const taskpaneIds = childrenNamed(action, "TaskpaneId");
      expect(taskpaneIds, `<Action> line ${action.line} has a TaskpaneId`).toHaveLength(1);
      expect(onlyChild(action, "SourceLocation").attrs.resid, `<Action> line ${action.line} opens the runtime's page`).toBe(runtimePage);
      return taskpaneIds[0]?.text.trim();
    });
    expect(ids.every((id) => id !== undefined && id !== ""), "TaskpaneId not empty").toBe(true);
    expect(new Set(ids).size, "one TaskpaneId for all ShowTaskpane actions").toBe(1);
    expect(all.filter((e) => e.local === "Action" && xsiType(e) !== "ShowTaskpane"), "no other kind of action").toEqual([]);
  });

  it("ids of the tab, group and button are unique and short", () => {
    const ids = all.filter((e) => e.ns === NS.ov && e.attrs.id !== undefined).map((e) => e.attrs.id as string);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(125);
  });
});

describe("manifest.xml: resources", () => {
  it("defines every resid it uses, of the right kind, once, and uses every resource", () => {
    const users = all.filter((e) => e.attrs.resid !== undefined);
    expect(users.length).toBeGreaterThan(10);
    for (const user of users) {
      const definition = resourceById.get(user.attrs.resid as string);
      expect(definition, `resid ${user.attrs.resid} on <${user.name}> line ${user.line}`).toBeDefined();
      expect(definition?.kind, `resid ${user.attrs.resid} on <${user.name}>`).toBe(expectedKind(user));
    }
    const ids = resourceDefinitions.map((d) => d.element.attrs.id as string);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i), "resource ids defined twice").toEqual([]);
    const used = new Set(users.map((u) => u.attrs.resid));
    expect(ids.filter((id) => !used.has(id)), "unused resources").toEqual([]);
    for (const id of ids) expect(id.length, id).toBeLessThanOrEqual(32);
  });

  it("is zh-CN by default with an en-US override for the name, description and every string", () => {
    expect(onlyChild(manifest, "DefaultLocale").text.trim()).toBe("zh-CN");
    const localized = [
      ...["DisplayName", "Description"].map((n) => onlyChild(manifest, n)),
      ...resourceDefinitions.filter((d) => d.kind === "ShortStrings" || d.kind === "LongStrings").map((d) => d.element),
    ];
    expect(localized.length).toBeGreaterThanOrEqual(8);
    for (const element of localized) {
      const id = element.attrs.id ?? element.local;
      const overrides = childrenNamed(element, "Override");
      const locales = overrides.map((o) => o.attrs.Locale);
      expect(new Set(locales).size, `${id}: one override per locale`).toBe(locales.length);
      const english = overrides.find((o) => o.attrs.Locale === "en-US")?.attrs.Value;
      expect(english, `${id}: en-US override`).toBeTruthy();
      expect(english, `${id}: en-US override is English`).not.toMatch(CJK);
      if (id !== "Functions.Namespace") expect(element.attrs.DefaultValue, `${id}: zh-CN default`).toMatch(CJK);
      for (const o of overrides) expect(o.ns, `${id}: override namespace`).toBe(element.ns);
    }
  });

  it("keeps strings within the schema's lengths", () => {
    const limit = (element: XmlElement, max: number) => {
      const values = [element.attrs.DefaultValue ?? "", ...childrenNamed(element, "Override").map((o) => o.attrs.Value ?? "")];
      for (const v of values) expect([...v].length, `${element.attrs.id ?? element.local}: ${v}`).toBeLessThanOrEqual(max);
    };
    limit(onlyChild(manifest, "DisplayName"), 125);
    limit(onlyChild(manifest, "Description"), 250);
    for (const d of resourceDefinitions) limit(d.element, d.kind === "LongStrings" ? 250 : d.kind === "ShortStrings" ? 125 : 2048);
  });

  it("names the functions EVAL (ASCII) by default and 评价 in zh-CN, as the Chinese metadata does", () => {
    const namespace = resourceById.get("Functions.Namespace");
    expect(namespace?.kind).toBe("ShortStrings");
    const element = namespace?.element as XmlElement;
    expect(element.attrs.DefaultValue).toBe("EVAL");
    const override = (locale: string) => childrenNamed(element, "Override").find((o) => o.attrs.Locale === locale)?.attrs.Value;
    expect(override("zh-CN")).toBe("评价");
    expect(override("en-US")).toBe("EVAL");
    const table = join(REPO, "functions", "locales", "zh-CN.json");
    if (existsSync(table)) expect((JSON.parse(readFileSync(table, "utf8")) as { namespace?: string }).namespace).toBe("评价");
  });

  it("serves Chinese function metadata to zh-CN Excel", () => {
    const metadata = resourceById.get("Functions.Metadata.Url")?.element as XmlElement;
    expect(metadata.attrs.DefaultValue).toBe(`${DEV_ORIGIN}/functions.json`);
    expect(childrenNamed(metadata, "Override").map((o) => [o.attrs.Locale, o.attrs.Value])).toEqual([
      ["zh-CN", `${DEV_ORIGIN}/functions.zh-CN.json`],
    ]);
  });

  it("points every URL at the dev server over https", () => {
    const urls = declaredUrls();
    expect(urls.length).toBeGreaterThanOrEqual(10);
    for (const [where, url] of urls) expect(url, where).toMatch(/^https:\/\/localhost:3000\/[^?#]+$/);
  });
});

describe("manifest.xml: icons", () => {
  const localFile = (url: string) => join(REPO, url.slice(DEV_ORIGIN.length + 1));

  it("has 32 px and 64 px add-in icons", () => {
    expect(readPng(localFile(onlyChild(manifest, "IconUrl").attrs.DefaultValue as string))).toEqual({ width: 32, height: 32 });
    expect(readPng(localFile(onlyChild(manifest, "HighResolutionIconUrl").attrs.DefaultValue as string))).toEqual({ width: 64, height: 64 });
  });

  it("gives every ribbon image a PNG of the size it is declared at", () => {
    const images = all.filter((e) => e.local === "Image" && e.attrs.size !== undefined);
    expect(images.length).toBe(6);
    for (const image of images) {
      const url = resourceById.get(image.attrs.resid as string)?.element.attrs.DefaultValue as string;
      const size = Number(image.attrs.size);
      expect(readPng(localFile(url)), `${image.attrs.resid} at ${size}`).toEqual({ width: size, height: size });
    }
  });

  it("keeps the generated icons 16, 32, 64 and 80 px in assets/", () => {
    for (const size of [16, 32, 64, 80]) {
      expect(readPng(join(REPO, "assets", `icon-${size}.png`))).toEqual({ width: size, height: size });
    }
  });
});

describe("manifest.xml against the production build", () => {
  let build: Build;
  beforeAll(async () => {
    build = await buildOnce();
  });
  afterAll(removeBuild);

  it("every URL's path is a file the build writes", () => {
    for (const [where, url] of declaredUrls()) {
      const file = join(build.dir, decodeURIComponent(new URL(url).pathname));
      expect(existsSync(file), `${where}: ${url} → ${file}`).toBe(true);
    }
  });

  describe("against Microsoft's manifest XSDs (xmllint)", () => {
    const xmllint = requireXmllint("manifest.test");

    it.runIf(xmllint)("dist/manifest.xml and manifest.xml conform", () => {
      for (const file of [join(build.dir, "manifest.xml"), join(REPO, "manifest.xml")]) {
        const result = validateManifestXsd(file);
        expect(result.ok, `${file}:\n${result.output}`).toBe(true);
      }
    });

    it.runIf(xmllint)("the check catches what the schema forbids: elements out of order, strings too long, unknown values", () => {
      const built = readFileSync(join(build.dir, "manifest.xml"), "utf8");
      const dir = mkdtempSync(join(tmpdir(), "evalsheet-xsd-"));
      try {
        const broken: Array<[string, string, RegExp]> = [
          ["order", built.replace(/(<Version>[^<]*<\/Version>)(\s*)(<ProviderName>[^<]*<\/ProviderName>)/, "$3$2$1"), /ProviderName.*not expected/],
          ["length", built.replace(/<DisplayName DefaultValue="[^"]*"/, `<DisplayName DefaultValue="${"评".repeat(126)}"`), /DisplayName|DefaultValue|length/],
          ["value", built.replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Everything</Permissions>"), /Permissions/],
        ];
        for (const [what, xml, message] of broken) {
          expect(xml, `${what}: the mutation applies`).not.toBe(built);
          const file = join(dir, `${what}.xml`);
          writeFileSync(file, xml);
          const result = validateManifestXsd(file);
          expect(result.ok, `${what}: refused`).toBe(false);
          expect(result.output, what).toMatch(message);
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it("dist/ icons are the source icons", () => {
    for (const size of [16, 32, 64, 80]) {
      const name = `assets/icon-${size}.png`;
      expect(readFileSync(join(build.dir, name)).equals(readFileSync(join(REPO, name))), name).toBe(true);
    }
  });
});

describe("scripts/manifest-url.mjs", () => {
  it("rewrites every dev URL, and only those, for an origin with or without a path", () => {
    for (const origin of ["https://addin.example.org", "https://addin.example.org/", "https://example.org/evalsheet/"]) {
      const rewritten = rewriteManifestOrigin(source, origin);
      const base = origin.replace(/\/$/, "");
      expect(rewritten).not.toMatch(/https:\/\/localhost:3000\//);
      expect(rewritten.split(`${base}/`).length - 1).toBe(source.split(`${DEV_ORIGIN}/`).length - 1);
      expect(() => parseXml(rewritten)).not.toThrow();
      expect(rewritten.replaceAll(`${base}/`, `${DEV_ORIGIN}/`)).toBe(source);
    }
  });

  it("leaves look-alike origins alone", () => {
    const xml = '<a href="https://localhost:30000/x" b="https://localhost:3000/y"/>';
    expect(rewriteManifestOrigin(xml, "https://e.org")).toBe('<a href="https://localhost:30000/x" b="https://e.org/y"/>');
  });

  it("refuses origins Office cannot load or that are not origins", () => {
    expect(() => normalizeOrigin("http://example.org")).toThrow(/https/);
    expect(() => normalizeOrigin("example.org")).toThrow(/not a URL/);
    expect(() => normalizeOrigin("https://example.org/?x=1")).toThrow(/nothing else/);
    expect(normalizeOrigin("https://Example.org:8443/a/b/")).toBe("https://example.org:8443/a/b");
  });
});
