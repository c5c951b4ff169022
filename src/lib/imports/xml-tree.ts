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
 * Parse a document into its root element. keepText(name) says which elements' text to keep
 * (lower-case local names).
 */
export function parseXml(src: string, keepText: (name: string) => boolean): XmlNode {
  let pos = 0;
  let line = 1;
  let lineScan = 0;
  const lineAt = (p: number): number => {
    // positions asked for only move forward
    for (let i = src.indexOf('\n', lineScan); i !== -1 && i < p; i = src.indexOf('\n', i + 1)) line++;
    lineScan = Math.max(lineScan, p);
    return line;
  };
  const stack: XmlNode[] = [];
  const textParts: string[][] = [];
  let root: XmlNode | null = null;
  const n = src.length;

  while (pos < n) {
    const lt = src.indexOf('<', pos);
    const textEnd = lt === -1 ? n : lt;
    if (textEnd > pos) {
      const top = stack[stack.length - 1];
      if (top && textParts[stack.length - 1]) {
        textParts[stack.length - 1]!.push(src.slice(pos, textEnd));
      } else if (!top && src.slice(pos, textEnd).trim() !== '') {
        throw new XmlError(lineAt(pos), root ? 'text after the root element' : 'text before the root element');
      }
    }
    if (lt === -1) break;
    pos = lt;
    const c1 = src[pos + 1];
    if (c1 === '?') {
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
      const parts = textParts[stack.length - 1];
      if (parts) parts.push(src.slice(pos + 9, e).replace(/&/g, '&amp;').replace(/</g, '&lt;'));
      pos = e + 3;
    } else if (c1 === '!') {
      // DOCTYPE (no internal subset with '>' inside is expected in a census)
      const e = src.indexOf('>', pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed declaration');
      pos = e + 1;
    } else if (c1 === '/') {
      const e = src.indexOf('>', pos + 2);
      if (e === -1) throw new XmlError(lineAt(pos), 'an unclosed end tag');
      const name = localName(src.slice(pos + 2, e).trim());
      const top = stack.pop();
      if (!top) throw new XmlError(lineAt(pos), `an end tag </${name}> with no element open`);
      if (top.name !== name) {
        throw new XmlError(lineAt(pos), `end tag </${name}> does not close <${top.name}> (line ${top.line})`);
      }
      const parts = textParts.pop();
      if (parts) top.text = decodeEntities(parts.join(''), top.line).trim();
      pos = e + 1;
    } else {
      // start tag; attribute values may hold '>' only when quoted
      let e = pos + 1;
      let quote = '';
      for (; e < n; e++) {
        const ch = src[e];
        if (quote) {
          if (ch === quote) quote = '';
        } else if (ch === '"' || ch === "'") quote = ch;
        else if (ch === '>') break;
      }
      if (e >= n) throw new XmlError(lineAt(pos), 'an unclosed start tag');
      const selfClosing = src[e - 1] === '/';
      const inner = src.slice(pos + 1, selfClosing ? e - 1 : e);
      const m = /^\s*([^\s/>]+)/.exec(inner);
      if (!m) throw new XmlError(lineAt(pos), 'a start tag with no name');
      const node: XmlNode = { name: localName(m[1]!), line: lineAt(pos), kids: [], text: '' };
      const parent = stack[stack.length - 1];
      if (parent) parent.kids.push(node);
      else if (root) throw new XmlError(node.line, 'a second root element');
      else root = node;
      if (!selfClosing) {
        stack.push(node);
        textParts.push(keepText(node.name) ? ([] as string[]) : (undefined as unknown as string[]));
      }
      pos = e + 1;
    }
  }
  if (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    throw new XmlError(top.line, `<${top.name}> is never closed`);
  }
  if (!root) throw new XmlError(1, 'no root element');
  return root;
}

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
