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

/**
 * Parse a document into its root element. keepText(name) says which elements' text to keep;
 * keepNode(name), when given, which elements get a node at all (a skipped element's subtree makes
 * none, though its tags are still checked): fewer objects on a large file. Names are lower-case
 * local names.
 */
export function parseXml(
  src: string,
  keepText: (name: string) => boolean,
  keepNode: (name: string) => boolean = () => true
): XmlNode {
  let pos = 0;
  let line = 1;
  let lineScan = 0;
  const lineAt = (p: number): number => {
    // positions asked for only move forward
    for (let i = src.indexOf('\n', lineScan); i !== -1 && i < p; i = src.indexOf('\n', i + 1)) line++;
    lineScan = Math.max(lineScan, p);
    return line;
  };
  /** open elements: their names and lines, their node (null when skipped) and kept text */
  const names: string[] = [];
  const lines: number[] = [];
  const nodes: (XmlNode | null)[] = [];
  const texts: (string[] | null)[] = [];
  let root: XmlNode | null = null;
  const n = src.length;
  const nameCache = new Map<string, string>();
  const keepCache = new Map<string, number>();
  const nameOf = (q: string): string => {
    let v = nameCache.get(q);
    if (v === undefined) nameCache.set(q, (v = localName(q)));
    return v;
  };
  /** 0 skip, 1 node, 2 node with text */
  const keepOf = (name: string): number => {
    let v = keepCache.get(name);
    if (v === undefined) keepCache.set(name, (v = !keepNode(name) ? 0 : keepText(name) ? 2 : 1));
    return v;
  };

  while (pos < n) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > pos) {
      const depth = names.length;
      const parts = depth > 0 ? texts[depth - 1] : null;
      if (parts) parts.push(src.slice(pos, textEnd));
      else if (depth === 0 && src.slice(pos, textEnd).trim() !== '') {
        throw new XmlError(lineAt(pos), root ? 'text after the root element' : 'text before the root element');
      }
    }
    if (lt === -1) break;
    pos = lt;
    const c1 = src.charCodeAt(pos + 1);
    if (c1 === 63 /* ? */) {
      const e = src.indexOf('?>', pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed processing instruction');
      pos = e + 2;
    } else if (src.startsWith('<!--', pos)) {
      const e = src.indexOf('-->', pos + 4);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed comment');
      pos = e + 3;
    } else if (src.startsWith('<![CDATA[', pos)) {
      const e = src.indexOf(']]>', pos + 9);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed CDATA section');
      const parts = names.length > 0 ? texts[names.length - 1] : null;
      if (parts) parts.push(src.slice(pos + 9, e).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      pos = e + 3;
    } else if (c1 === 33 /* ! */) {
      // DOCTYPE (no internal subset with '>' inside is expected in a census)
      const e = src.indexOf('>', pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed declaration');
      pos = e + 1;
    } else if (c1 === 47 /* / */) {
      const e = src.indexOf('>', pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed end tag');
      let ee = e;
      while (ee > pos + 2 && src.charCodeAt(ee - 1) <= 32) ee--;
      const name = nameOf(src.slice(pos + 2, ee));
      const open = names.pop();
      if (open === undefined) throw new XmlError(lineAt(pos), `an end tag </${name}> with no element open`);
      const openLine = lines.pop()!;
      const node = nodes.pop()!;
      const parts = texts.pop()!;
      if (open !== name) throw new XmlError(lineAt(pos), `end tag </${name}> does not close <${open}> (line ${openLine})`);
      if (node && parts) node.text = decodeEntities(parts.join(''), openLine).trim();
      pos = e + 1;
    } else {
      // start tag; attribute values may hold '>' only when quoted
      let e = src.indexOf('>', pos + 1);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed start tag');
      let quoted = false;
      for (let i = pos + 1; i < e; i++) {
        const c = src.charCodeAt(i);
        if (c === 34 || c === 39) {
          quoted = true;
          break;
        }
      }
      if (quoted) {
        let quote = '';
        for (e = pos + 1; e < n; e++) {
          const ch = src[e];
          if (quote) {
            if (ch === quote) quote = '';
          } else if (ch === '"' || ch === "'") quote = ch;
          else if (ch === '>') break;
        }
        if (e >= n) throw new XmlError(lineAt(pos), 'an unclosed start tag');
      }
      const selfClosing = src.charCodeAt(e - 1) === 47;
      let ne = pos + 1;
      const stop = selfClosing ? e - 1 : e;
      while (ne < stop) {
        const c = src.charCodeAt(ne);
        if (c === 32 || c === 9 || c === 10 || c === 13) break;
        ne++;
      }
      if (ne === pos + 1) throw new XmlError(lineAt(pos), 'a start tag with no name');
      const name = nameOf(src.slice(pos + 1, ne));
      const at = lineAt(pos);
      const depth = names.length;
      const parent = depth > 0 ? nodes[depth - 1]! : null;
      const keep = depth > 0 && !parent ? 0 : keepOf(name);
      let node: XmlNode | null = null;
      if (keep > 0 || depth === 0) {
        node = { name, line: at, kids: NO_KIDS, text: '' };
        if (parent) {
          if (parent.kids === NO_KIDS) parent.kids = [];
          parent.kids.push(node);
        } else if (root) throw new XmlError(at, 'a second root element');
        else root = node;
      }
      if (!selfClosing) {
        names.push(name);
        lines.push(at);
        nodes.push(node);
        texts.push(node && keep === 2 ? [] : null);
      }
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
