// A small, dependency-free, non-validating XML parser for tests (the add-in manifest). It checks
// well-formedness — one root, matching tags, quoted and unique attributes, known entities, nothing
// after the root but comments — and resolves namespaces, which is what the manifest's structure
// tests need. Not supported, and rejected: DOCTYPE/DTDs and custom entities.

export interface XmlElement {
  /** Qualified name as written, e.g. "bt:String". */
  readonly name: string;
  /** Local part of the name ("String"). */
  readonly local: string;
  /** Namespace URI after resolving prefixes and default namespaces ("" when none). */
  readonly ns: string;
  /** Attributes by qualified name as written (xmlns declarations included). */
  readonly attrs: Readonly<Record<string, string>>;
  /** Child elements in document order. */
  readonly children: readonly XmlElement[];
  /** Concatenated character data directly inside this element (CDATA included, entities decoded). */
  readonly text: string;
  /** 1-based line of the start tag, for messages. */
  readonly line: number;
}

export class XmlError extends Error {
  constructor(message: string, readonly line: number) {
    super(`XML line ${line}: ${message}`);
  }
}

const XML_NS = "http://www.w3.org/XML/1998/namespace";
const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(?::[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?/;
const ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

interface MutableElement {
  name: string;
  local: string;
  ns: string;
  attrs: Record<string, string>;
  children: MutableElement[];
  text: string;
  line: number;
  scope: Map<string, string>;
}

/** Parses a complete XML document and returns its root element; throws XmlError when malformed. */
export function parseXml(source: string): XmlElement {
  let pos = 0;
  const xml = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
  const lineAt = (at: number) => xml.slice(0, at).split("\n").length;
  const fail = (message: string, at = pos): never => {
    throw new XmlError(message, lineAt(at));
  };

  const decode = (raw: string, at: number): string =>
    raw.replace(/&([^;&\s]*);?/g, (match, body: string) => {
      if (!match.endsWith(";")) fail(`unterminated entity reference "${match}"`, at);
      if (body.startsWith("#x")) return String.fromCodePoint(parseInt(body.slice(2), 16));
      if (body.startsWith("#")) return String.fromCodePoint(parseInt(body.slice(1), 10));
      const value = ENTITIES[body];
      if (value === undefined) fail(`unknown entity &${body};`, at);
      return value as string;
    });

  const skipMisc = () => {
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(pos));
      pos += ws ? ws[0].length : 0;
      if (xml.startsWith("<!--", pos)) {
        const end = xml.indexOf("-->", pos + 4);
        if (end < 0) fail("unterminated comment");
        if (xml.slice(pos + 4, end).includes("--")) fail('"--" inside a comment');
        pos = end + 3;
      } else if (xml.startsWith("<?", pos) && !xml.startsWith("<?xml ", pos)) {
        const end = xml.indexOf("?>", pos);
        if (end < 0) fail("unterminated processing instruction");
        pos = end + 2;
      } else {
        return;
      }
    }
  };

  // XML declaration: only at the very start.
  if (xml.startsWith("<?xml", 0)) {
    const end = xml.indexOf("?>");
    if (end < 0) fail("unterminated XML declaration");
    pos = end + 2;
  }
  skipMisc();
  if (xml.startsWith("<!DOCTYPE", pos)) fail("DOCTYPE is not supported");

  const resolve = (qname: string, scope: Map<string, string>, isAttribute: boolean, at: number) => {
    const colon = qname.indexOf(":");
    const prefix = colon < 0 ? "" : qname.slice(0, colon);
    const local = colon < 0 ? qname : qname.slice(colon + 1);
    if (prefix === "") return { local, ns: isAttribute ? "" : (scope.get("") ?? "") };
    if (prefix === "xml") return { local, ns: XML_NS };
    const ns = scope.get(prefix);
    if (ns === undefined) fail(`undeclared namespace prefix "${prefix}" in <${qname}>`, at);
    return { local, ns: ns as string };
  };

  const parseElement = (parentScope: Map<string, string>): MutableElement => {
    const start = pos;
    if (xml[pos] !== "<") fail("expected an element");
    pos++;
    const nameMatch = NAME.exec(xml.slice(pos));
    if (!nameMatch) fail("bad element name");
    const name = (nameMatch as RegExpExecArray)[0];
    pos += name.length;
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(pos));
      const hadSpace = Boolean(ws && ws[0].length > 0);
      pos += ws ? ws[0].length : 0;
      if (xml.startsWith("/>", pos)) {
        selfClosing = true;
        pos += 2;
        break;
      }
      if (xml[pos] === ">") {
        pos++;
        break;
      }
      if (pos >= xml.length) fail(`unterminated start tag <${name}>`, start);
      if (!hadSpace) fail(`attributes of <${name}> must be separated by white space`);
      const attrMatch = NAME.exec(xml.slice(pos));
      if (!attrMatch) fail(`bad attribute name in <${name}>`);
      const attr = (attrMatch as RegExpExecArray)[0];
      pos += attr.length;
      const eq = /^\s*=\s*/.exec(xml.slice(pos));
      if (!eq) fail(`attribute ${attr} of <${name}> has no value`);
      pos += (eq as RegExpExecArray)[0].length;
      const quote = xml[pos];
      if (quote !== '"' && quote !== "'") fail(`attribute ${attr} of <${name}> is not quoted`);
      const end = xml.indexOf(quote as string, pos + 1);
      if (end < 0) fail(`unterminated value of attribute ${attr}`);
      const raw = xml.slice(pos + 1, end);
      if (raw.includes("<")) fail(`"<" in the value of attribute ${attr}`);
      if (Object.hasOwn(attrs, attr)) fail(`duplicate attribute ${attr} in <${name}>`);
      attrs[attr] = decode(raw, pos);
      pos = end + 1;
    }

    const scope = new Map(parentScope);
    for (const [attr, value] of Object.entries(attrs)) {
      if (attr === "xmlns") scope.set("", value);
      else if (attr.startsWith("xmlns:")) scope.set(attr.slice(6), value);
    }
    const { local, ns } = resolve(name, scope, false, start);
    const seen = new Set<string>();
    for (const attr of Object.keys(attrs)) {
      if (attr === "xmlns" || attr.startsWith("xmlns:")) continue;
      const resolved = resolve(attr, scope, true, start);
      const key = `{${resolved.ns}}${resolved.local}`;
      if (seen.has(key)) fail(`attribute ${attr} of <${name}> duplicates another after namespace resolution`, start);
      seen.add(key);
    }
    const element: MutableElement = { name, local, ns, attrs, children: [], text: "", line: lineAt(start), scope };
    if (selfClosing) return element;

    for (;;) {
      if (pos >= xml.length) fail(`<${name}> is never closed`, start);
      if (xml.startsWith("</", pos)) {
        const close = /^<\/([^\s>]+)\s*>/.exec(xml.slice(pos));
        if (!close) fail("bad end tag");
        const closeName = (close as RegExpExecArray)[1];
        if (closeName !== name) fail(`</${closeName}> closes <${name}> (line ${lineAt(start)})`);
        pos += (close as RegExpExecArray)[0].length;
        return element;
      }
      if (xml.startsWith("<!--", pos) || (xml.startsWith("<?", pos) && !xml.startsWith("<?xml ", pos))) {
        skipMisc();
        continue;
      }
      if (xml.startsWith("<![CDATA[", pos)) {
        const end = xml.indexOf("]]>", pos);
        if (end < 0) fail("unterminated CDATA section");
        element.text += xml.slice(pos + 9, end);
        pos = end + 3;
        continue;
      }
      if (xml.startsWith("<!", pos) || xml.startsWith("<?", pos)) fail("unexpected markup");
      if (xml[pos] === "<") {
        element.children.push(parseElement(scope));
        continue;
      }
      const next = xml.indexOf("<", pos);
      const end = next < 0 ? xml.length : next;
      const raw = xml.slice(pos, end);
      if (raw.includes("]]>")) fail('"]]>" in character data');
      element.text += decode(raw, pos);
      pos = end;
    }
  };

  const root = parseElement(new Map());
  skipMisc();
  if (pos < xml.length) fail("content after the root element");

  const freeze = (e: MutableElement): XmlElement => ({
    name: e.name,
    local: e.local,
    ns: e.ns,
    attrs: e.attrs,
    children: e.children.map(freeze),
    text: e.text,
    line: e.line,
  });
  return freeze(root);
}

/** Child elements with the given local name (optionally in a namespace). */
export function childrenNamed(parent: XmlElement, local: string, ns?: string): XmlElement[] {
  return parent.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns));
}

/** The single child with that local name; throws when there is none or more than one. */
export function onlyChild(parent: XmlElement, local: string, ns?: string): XmlElement {
  const found = childrenNamed(parent, local, ns);
  if (found.length !== 1) throw new Error(`<${parent.name}> (line ${parent.line}) has ${found.length} <${local}> children, expected 1`);
  return found[0] as XmlElement;
}

/** Every element of the subtree (the root included), depth first in document order. */
export function descendants(root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement) => {
    out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The first element reached by following local names from `root`; throws when a step is missing. */
export function path(root: XmlElement, ...steps: string[]): XmlElement {
  let current = root;
  for (const step of steps) current = onlyChild(current, step);
  return current;
}
