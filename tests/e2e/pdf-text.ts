/**
 * The text of each page of a PDF printed by chromium (Skia), in plain JavaScript, for tests (no PDF
 * tool needed): objects read from the file, FlateDecode streams inflated, each page's text runs
 * (Tj, TJ) decoded through its fonts' ToUnicode maps, with a new line where the text matrix moves to
 * another baseline. Enough for Skia's output; not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

interface PdfObject { dict: string; stream: Buffer | null }

/** Objects of a PDF as written by chromium (Skia): uncompressed object table, FlateDecode streams. */
function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    let stream: Buffer | null = null;
    let dict = body;
    if (s >= 0 && /^\s*<</.test(body)) {
      dict = body.slice(0, s);
      const dataStart = start + s + 'stream'.length + (text[start + s + 6] === '\r' ? 2 : 1);
      const len = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? 0);
      const raw = pdf.subarray(dataStart, dataStart + len);
      stream = /\/FlateDecode/.test(dict) ? inflateSync(raw) : raw;
    }
    out.set(Number(m[1]), { dict, stream });
    re.lastIndex = end;
  }
  return out;
}

function cmap(text: string): Map<number, string> {
  const map = new Map<number, string>();
  const hex = (h: string) => String.fromCodePoint(...(h.match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) map.set(parseInt(p[1]!, 16), hex(p[2]!));
  }
  for (const block of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const p of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(p[1]!, 16);
      const hi = parseInt(p[2]!, 16);
      if (p[3]!.startsWith('[')) {
        [...p[3]!.matchAll(/<([0-9a-fA-F]+)>/g)].forEach((d, i) => map.set(lo + i, hex(d[1]!)));
      } else {
        const base = parseInt(p[3]!.slice(1, -1), 16);
        for (let c = lo; c <= hi; c++) map.set(c, String.fromCodePoint(base + c - lo));
      }
    }
  }
  return map;
}

const ref = (dict: string, key: string): number | null => {
  const m = new RegExp(`/${key}\\s+(\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : null;
};

/** The text of each page, in page order: runs joined, a new line where the text matrix moves down. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objs = objects(pdf);
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const o = objs.get(id);
    if (!o) return;
    if (/\/Type\s*\/Pages/.test(o.dict)) {
      const kids = /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1] ?? '';
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else if (/\/Type\s*\/Page\b/.test(o.dict)) pageIds.push(id);
  };
  const catalog = [...objs.values()].find((o) => /\/Type\s*\/Catalog/.test(o.dict));
  walk(ref(catalog?.dict ?? '', 'Pages') ?? -1);
  const cmaps = new Map<number, Map<number, string>>();
  const fontMap = (fontId: number): Map<number, string> => {
    let c = cmaps.get(fontId);
    if (!c) {
      const tu = ref(objs.get(fontId)?.dict ?? '', 'ToUnicode');
      c = tu !== null ? cmap(objs.get(tu)?.stream?.toString('latin1') ?? '') : new Map();
      cmaps.set(fontId, c);
    }
    return c;
  };
  return pageIds.map((id) => {
    const page = objs.get(id)!.dict;
    let res = /\/Resources\s*(<<[\s\S]*>>)/.exec(page)?.[1] ?? '';
    const resRef = ref(page, 'Resources');
    if (resRef !== null) res = objs.get(resRef)?.dict ?? '';
    let fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(res)?.[1] ?? '';
    const fontRef = ref(res, 'Font');
    if (fontRef !== null) fontDict = objs.get(fontRef)?.dict ?? '';
    const fonts = new Map([...fontDict.matchAll(/\/(\w+)\s+(\d+) 0 R/g)].map((f) => [f[1]!, Number(f[2])]));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page)?.[1] ?? '';
    const streams = [...contents.matchAll(/(\d+) 0 R/g)].map((c) => objs.get(Number(c[1]))?.stream?.toString('latin1') ?? '');
    let out = '';
    let font = new Map<number, string>();
    let lastY: number | null = null;
    const show = (hex: string) => {
      for (const g of hex.match(/.{4}/g) ?? []) out += font.get(parseInt(g, 16)) ?? '';
    };
    const tokens = /\/(\w+)\s+[\d.]+\s+Tf|([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9a-fA-F]*)>\s*Tj|\[((?:[^\]]|\n)*?)\]\s*TJ/g;
    for (const s of streams) {
      for (const t of s.matchAll(tokens)) {
        if (t[1]) font = fontMap(fonts.get(t[1]) ?? -1);
        else if (t[7] !== undefined) {
          const y = Number(t[7]);
          if (lastY !== null && Math.abs(y - lastY) > 1) out += '\n';
          else if (lastY !== null) out += ' ';
          lastY = y;
        } else if (t[8] !== undefined) show(t[8]);
        else if (t[9] !== undefined) for (const h of t[9].matchAll(/<([0-9a-fA-F]*)>/g)) show(h[1]!);
      }
    }
    return out;
  });
}
