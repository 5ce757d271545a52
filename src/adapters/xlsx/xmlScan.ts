/**
 * A small forward-only scanner over one XML part's text, for the direct reader (directRead.ts): no
 * tree and no pattern matching over the part, just indexOf from tag to tag and text in order. It
 * reads the well-formed XML the preflight has already checked; anything it does not expect (a
 * comment, CDATA, an unknown entity, a line break in an attribute) throws `Unexpected`, and the
 * caller then reads the file through exceljs.
 */

/** Something the direct reader does not read the way exceljs would: read this file through exceljs. */
export class Unexpected extends Error {}

export interface Tag {
  /** Element name as written, e.g. "c" or "x14ac:foo"; "" for a text node. */
  readonly name: string;
  /** True for a closing tag `</name>`. */
  readonly close: boolean;
  /** True for `<name … />`. */
  readonly empty: boolean;
  /** The attribute text between the name and `>` / `/>`. */
  readonly attrs: string;
}

export class XmlScan {
  pos: number;

  constructor(readonly text: string, from = 0, readonly end = text.length) {
    this.pos = from;
  }

  /** The next tag, skipping whitespace; null at the end. Text other than whitespace throws. */
  nextTag(): Tag | null {
    const t = this.text;
    let i = this.pos;
    while (i < this.end && isSpace(t.charCodeAt(i))) i++;
    if (i >= this.end) return (this.pos = i), null;
    if (t.charCodeAt(i) !== 60 /* < */) throw new Unexpected("text between elements");
    return this.tagAt(i);
  }

  /** The tag starting at `i` ("<"); moves past it. */
  private tagAt(i: number): Tag {
    const t = this.text;
    const c = t.charCodeAt(i + 1);
    // <? … ?>, <!-- … -->, <![CDATA[ … ]]>: not expected inside the parts the reader scans.
    if (c === 63 || c === 33) throw new Unexpected("markup declaration");
    const close = c === 47; /* / */
    let j = close ? i + 2 : i + 1;
    const nameStart = j;
    for (;;) {
      const ch = t.charCodeAt(j);
      if (ch === 62 || ch === 47 || isSpace(ch) || Number.isNaN(ch)) break;
      j++;
    }
    const name = t.slice(nameStart, j);
    let k = j;
    let quote = 0;
    for (; k < this.end; k++) {
      const ch = t.charCodeAt(k);
      if (quote) {
        if (ch === quote) quote = 0;
      } else if (ch === 34 || ch === 39) quote = ch;
      else if (ch === 62) break;
    }
    if (k >= this.end) throw new Unexpected("unterminated tag");
    const empty = t.charCodeAt(k - 1) === 47;
    this.pos = k + 1;
    return { name, close, empty, attrs: t.slice(j, empty ? k - 1 : k) };
  }

  /**
   * The text up to the closing tag of `name` (the element just opened), entity-decoded; moves past
   * the closing tag. Child elements throw.
   */
  textUntilClose(name: string): string {
    const t = this.text;
    const lt = t.indexOf("<", this.pos);
    if (lt < 0 || lt >= this.end) throw new Unexpected("unterminated element");
    const raw = t.slice(this.pos, lt);
    const tag = this.tagAt(lt);
    if (!tag.close || tag.name !== name) throw new Unexpected(`<${tag.name}> inside <${name}>`);
    return decodeText(raw);
  }

  /** Moves past the end of the element `name` just opened (not empty), whatever it holds. */
  skipElement(name: string): void {
    let depth = 1;
    for (;;) {
      const lt = this.text.indexOf("<", this.pos);
      if (lt < 0 || lt >= this.end) throw new Unexpected("unterminated element");
      const tag = this.tagAt(lt);
      if (tag.name !== name || tag.empty) continue;
      depth += tag.close ? -1 : 1;
      if (depth === 0) return;
    }
  }
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/**
 * Attribute values by name, entity-decoded. A value holding a tab or line break throws: XML
 * normalises those to spaces, and reading them as spaces is not worth the risk of getting it wrong.
 */
export function attrsOf(attrs: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  const n = attrs.length;
  for (;;) {
    while (i < n && isSpace(attrs.charCodeAt(i))) i++;
    if (i >= n) return out;
    const eq = attrs.indexOf("=", i);
    if (eq < 0) throw new Unexpected("attribute without a value");
    const name = attrs.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && isSpace(attrs.charCodeAt(q))) q++;
    const quote = attrs[q];
    if (quote !== '"' && quote !== "'") throw new Unexpected("unquoted attribute");
    const endQ = attrs.indexOf(quote, q + 1);
    if (endQ < 0) throw new Unexpected("unterminated attribute");
    const raw = attrs.slice(q + 1, endQ);
    if (/[\t\n\r<]/.test(raw)) throw new Unexpected("attribute value to normalise");
    out[name] = decodeText(raw);
    i = endQ + 1;
  }
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Character data as an XML parser gives it: the five named entities and character references. */
export function decodeText(raw: string): string {
  // End-of-line handling (XML 1.0 §2.11): CR LF and a lone CR are read as LF.
  const text = raw.includes("\r") ? raw.replace(/\r\n?/g, "\n") : raw;
  if (!text.includes("&")) return text;
  return text.replace(/&([^;&]*);?/g, (whole, e: string) => {
    if (!whole.endsWith(";")) throw new Unexpected("bare ampersand");
    const named = NAMED[e];
    if (named) return named;
    const m = /^#(?:x([0-9a-fA-F]+)|([0-9]+))$/.exec(e);
    if (!m) throw new Unexpected(`entity &${e};`);
    const code = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2]!, 10);
    // Outside what XML allows in text: a parser would refuse the file; let exceljs say so.
    if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) throw new Unexpected("invalid character reference");
    return String.fromCodePoint(code);
  });
}
