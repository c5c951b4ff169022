/**
 * A small XML reader for census files: builds a tree of elements with their line numbers, keeping
 * text only for the elements a caller names (so a UPN or a name is never turned into a string that
 * outlives the parse). Names are lower-cased local names (namespace prefixes dropped); attributes,
 * comments, processing instructions and DOCTYPE are skipped. Written here rather than taken from a
 * dependency: the census needs only elements, text and line numbers, and this runs unchanged in
 * the browser and Node. Malformed XML throws XmlError naming the line.
 */

export interface XmlNode {
  /** Local name, lower case. */
  name: string;
  /** Line of its start tag (1-based). */
  line: number;
  kids: XmlNode[];
  /** Trimmed text content, only for kept elements; '' otherwise. */
  text: string;
}

export class XmlError extends Error {
  constructor(
    readonly line: number,
    reason: string
  ) {
    super(`line ${line}: ${reason}`);
  }
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string, line: number): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (m, e: string) => {
    if (e[0] === '#') {
      const cp = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      if (!Number.isFinite(cp) || cp > 0x10ffff) throw new XmlError(line, 'an unreadable character reference');
      return String.fromCodePoint(cp);
    }
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlError(line, `an unknown entity '&${e};'`);
    return v;
  });
}

function localName(qname: string): string {
  const c = qname.indexOf(':');
  return (c >= 0 ? qname.slice(c + 1) : qname).toLowerCase();
}

/** Decode bytes as UTF-8 (a byte-order mark dropped); UTF-16 with a BOM is decoded as such. */
export function xmlText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return new TextDecoder('utf-8', { fatal: false, ignoreBOM: false }).decode(bytes);
}

const utf8 = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });
const encoder = new TextEncoder();

/**
 * Bytes start..end as text, decoded as UTF-8. A run always ends at an ASCII delimiter, so a
 * multi-byte character is never split and the text is what decoding the whole document would give.
 * Short ASCII runs (codes, dates, ids, true/false) repeat a great deal in a census: `cache` gives
 * the same string again for the same bytes instead of a new one.
 */
function textOf(b: Uint8Array, start: number, end: number, cache: Map<number, string[]>): string {
  const len = end - start;
  if (len === 0) return '';
  if (len > 24) return utf8.decode(b.subarray(start, end));
  let h = len;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 0x80) return utf8.decode(b.subarray(start, end));
    h = (Math.imul(h, 31) + c) | 0;
  }
  let bucket = cache.get(h);
  if (bucket) {
    outer: for (const t of bucket) {
      if (t.length !== len) continue;
      for (let k = 0; k < len; k++) if (t.charCodeAt(k) !== b[start + k]) continue outer;
      return t;
    }
  } else cache.set(h, (bucket = []));
  const t = String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]);
  bucket.push(t);
  return t;
}

/** Position of the first `seq` at or after `from`, or -1. */
function find(b: Uint8Array, seq: readonly number[], from: number): number {
  const first = seq[0]!;
  const n = b.length - seq.length;
  outer: for (let i = from; i <= n; i++) {
    if (b[i] !== first) continue;
    for (let k = 1; k < seq.length; k++) if (b[i + k] !== seq[k]) continue outer;
    return i;
  }
  return -1;
}

const GT = [62];
const PI_END = [63, 62];
const COMMENT_END = [45, 45, 62];
const CDATA_END = [93, 93, 62];
const CDATA_START = [60, 33, 91, 67, 68, 65, 84, 65, 91];
const COMMENT_START = [60, 33, 45, 45];

function startsAt(b: Uint8Array, seq: readonly number[], at: number): boolean {
  for (let k = 0; k < seq.length; k++) if (b[at + k] !== seq[k]) return false;
  return true;
}

/** A tag name met in the document: its bytes, its lower-case local name, whether it is kept. */
interface TagName {
  raw: Uint8Array;
  name: string;
  /** -1 not yet asked, 0 skip, 1 node, 2 node with text */
  keep: number;
}

/**
 * Parse a document into its root element. keepText(name) says which elements' text to keep;
 * keepNode(name), when given, which elements get a node at all (a skipped element's subtree makes
 * none, though its tags are still checked): fewer objects on a large file. Names are lower-case
 * local names. `detach(node, parent, depth)`, when given, is called as each kept element closes
 * (depth 1 for the root's children); when it answers true the element is taken out of its
 * parent's kids, so a caller can read a large document one record at a time and keep little.
 */
export function parseXml(
  src: string,
  keepText: (name: string) => boolean,
  keepNode: (name: string) => boolean = () => true,
  detach?: (node: XmlNode, parent: XmlNode, depth: number) => boolean
): XmlNode {
  return parseXmlBytes(encoder.encode(src), keepText, keepNode, detach);
}

/**
 * parseXml over the document's bytes (UTF-8, a byte-order mark skipped; UTF-16 with a BOM is
 * decoded first). The whole file is never made one string: only names and kept texts are.
 */
export function parseXmlBytes(
  bytes: Uint8Array,
  keepText: (name: string) => boolean,
  keepNode: (name: string) => boolean = () => true,
  detach?: (node: XmlNode, parent: XmlNode, depth: number) => boolean
): XmlNode {
  const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
  const b = utf16 ? encoder.encode(xmlText(bytes)) : bytes;
  let pos = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  let line = 1;
  let lineScan = pos;
  const lineAt = (p: number): number => {
    // positions asked for only move forward
    for (let i = lineScan; i < p; i++) if (b[i] === 10) line++;
    if (p > lineScan) lineScan = p;
    return line;
  };
  /** open elements: their names and lines, their node (null when skipped) and kept text */
  const names: string[] = [];
  const lines: number[] = [];
  const nodes: (XmlNode | null)[] = [];
  const texts: (string | null)[] = [];
  let root: XmlNode | null = null;
  const n = b.length;
  const tagNames = new Map<number, TagName[]>();
  const textCache = new Map<number, string[]>();
  /** the open elements' tag names (an end tag is first compared with its element's bytes) */
  const tags: TagName[] = [];
  const sameBytes = (raw: Uint8Array, start: number, end: number): boolean => {
    if (raw.length !== end - start) return false;
    for (let i = start, k = 0; i < end; i++, k++) if (raw[k] !== b[i]) return false;
    return true;
  };
  const tagName = (start: number, end: number): TagName => {
    let h = end - start;
    for (let i = start; i < end; i++) h = (Math.imul(h, 31) + b[i]!) | 0;
    let bucket = tagNames.get(h);
    if (bucket) {
      for (const t of bucket) if (sameBytes(t.raw, start, end)) return t;
    } else tagNames.set(h, (bucket = []));
    const t: TagName = { raw: b.slice(start, end), name: localName(utf8.decode(b.subarray(start, end))), keep: -1 };
    bucket.push(t);
    return t;
  };
  /** 0 skip, 1 node, 2 node with text */
  const keepOf = (t: TagName): number => {
    if (t.keep < 0) t.keep = !keepNode(t.name) ? 0 : keepText(t.name) ? 2 : 1;
    return t.keep;
  };
  const findByte = (c: number, from: number): number => {
    for (let i = from; i < n; i++) if (b[i] === c) return i;
    return -1;
  };

  while (pos < n) {
    const lt = findByte(60, pos);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > pos) {
      const depth = names.length;
      const kept = depth > 0 ? texts[depth - 1]! : null;
      if (kept !== null) texts[depth - 1] = kept + textOf(b, pos, textEnd, textCache);
      else if (depth === 0) {
        let blank = true;
        for (let i = pos; i < textEnd; i++) {
          const c = b[i]!;
          if (c !== 32 && c !== 9 && c !== 10 && c !== 13) {
            blank = false;
            break;
          }
        }
        if (!blank && utf8.decode(b.subarray(pos, textEnd)).trim() !== '') {
          throw new XmlError(lineAt(pos), root ? 'text after the root element' : 'text before the root element');
        }
      }
    }
    if (lt === -1) break;
    pos = lt;
    const c1 = b[pos + 1];
    if (c1 === 63 /* ? */) {
      const e = find(b, PI_END, pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed processing instruction');
      pos = e + 2;
    } else if (startsAt(b, COMMENT_START, pos)) {
      const e = find(b, COMMENT_END, pos + 4);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed comment');
      pos = e + 3;
    } else if (startsAt(b, CDATA_START, pos)) {
      const e = find(b, CDATA_END, pos + 9);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed CDATA section');
      const depth = names.length;
      const kept = depth > 0 ? texts[depth - 1]! : null;
      if (kept !== null) texts[depth - 1] = kept + textOf(b, pos + 9, e, textCache).replace(/&/g, '&amp;').replace(/</g, '&lt;');
      pos = e + 3;
    } else if (c1 === 33 /* ! */) {
      // DOCTYPE (no internal subset with '>' inside is expected in a census)
      const e = find(b, GT, pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed declaration');
      pos = e + 1;
    } else if (c1 === 47 /* / */) {
      const e = findByte(62, pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed end tag');
      let ee = e;
      while (ee > pos + 2 && b[ee - 1]! <= 32) ee--;
      const openTag = tags.pop();
      const name = openTag && sameBytes(openTag.raw, pos + 2, ee) ? openTag.name : tagName(pos + 2, ee).name;
      const open = names.pop();
      if (open === undefined) throw new XmlError(lineAt(pos), `an end tag </${name}> with no element open`);
      const openLine = lines.pop()!;
      const node = nodes.pop()!;
      const text = texts.pop()!;
      if (open !== name) throw new XmlError(lineAt(pos), `end tag </${name}> does not close <${open}> (line ${openLine})`);
      if (node) {
        if (text !== null) node.text = decodeEntities(text, openLine).trim();
        const depth = names.length;
        if (detach && depth > 0 && detach(node, nodes[depth - 1]!, depth)) nodes[depth - 1]!.kids.pop();
      }
      pos = e + 1;
    } else {
      // start tag; attribute values may hold '>' only when quoted
      let e = findByte(62, pos + 1);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed start tag');
      let quoted = false;
      for (let i = pos + 1; i < e; i++) {
        const c = b[i];
        if (c === 34 || c === 39) {
          quoted = true;
          break;
        }
      }
      if (quoted) {
        let quote = 0;
        for (e = pos + 1; e < n; e++) {
          const c = b[e]!;
          if (quote) {
            if (c === quote) quote = 0;
          } else if (c === 34 || c === 39) quote = c;
          else if (c === 62) break;
        }
        if (e >= n) throw new XmlError(lineAt(pos), 'an unclosed start tag');
      }
      const selfClosing = b[e - 1] === 47;
      let ne = pos + 1;
      const stop = selfClosing ? e - 1 : e;
      while (ne < stop) {
        const c = b[ne];
        if (c === 32 || c === 9 || c === 10 || c === 13) break;
        ne++;
      }
      if (ne === pos + 1) throw new XmlError(lineAt(pos), 'a start tag with no name');
      const tag = tagName(pos + 1, ne);
      const name = tag.name;
      const depth = names.length;
      const parent = depth > 0 ? nodes[depth - 1]! : null;
      const keep = depth > 0 && !parent ? 0 : keepOf(tag);
      let node: XmlNode | null = null;
      if (keep > 0 || depth === 0) {
        node = { name, line: lineAt(pos), kids: NO_KIDS, text: '' };
        if (parent) {
          if (parent.kids === NO_KIDS) parent.kids = [];
          parent.kids.push(node);
        } else if (root) throw new XmlError(node.line, 'a second root element');
        else root = node;
      }
      if (!selfClosing) {
        names.push(name);
        tags.push(tag);
        lines.push(node ? node.line : lineAt(pos));
        nodes.push(node);
        texts.push(node && keep === 2 ? '' : null);
      } else if (node && detach && depth > 0 && detach(node, parent!, depth)) parent!.kids.pop();
      pos = e + 1;
    }
  }
  if (names.length > 0) {
    throw new XmlError(lines[lines.length - 1]!, `<${names[names.length - 1]}> is never closed`);
  }
  if (!root) throw new XmlError(1, 'no root element');
  return root;
}

const NO_KIDS: XmlNode[] = [];

/** The first child element named `name` (lower case), or undefined. */
export function kid(node: XmlNode | undefined, name: string): XmlNode | undefined {
  if (!node) return undefined;
  for (const k of node.kids) if (k.name === name) return k;
  return undefined;
}

/** Every child element named `name`. */
export function kidsNamed(node: XmlNode | undefined, name: string): XmlNode[] {
  return node ? node.kids.filter((k) => k.name === name) : [];
}

/** Text of the first child named `name`: null when absent or empty. */
export function kidText(node: XmlNode | undefined, name: string): string | null {
  const k = kid(node, name);
  return k && k.text !== '' ? k.text : null;
}
