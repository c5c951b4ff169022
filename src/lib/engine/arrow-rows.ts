/**
 * Turn a (small) Arrow result into plain rows following the engine result convention
 * (see types.ts), so the browser and Node engines return identical values.
 */
import { DataType, type Table } from 'apache-arrow';
import type { Row, Value } from './types';

const DAY_MS = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function convert(v: unknown, type: DataType): Value {
  if (v === null || v === undefined) return null;
  if (DataType.isDate(type)) {
    // .get() on a DATE column yields epoch milliseconds (or a Date object on some builds).
    const ms = v instanceof Date ? v.getTime() : Number(v);
    return isoDate(Math.floor(ms / DAY_MS) * DAY_MS);
  }
  if (DataType.isTimestamp(type)) {
    const ms = v instanceof Date ? v.getTime() : Number(v);
    return new Date(ms).toISOString();
  }
  if (typeof v === 'bigint') return Number(v);
  if (DataType.isList(type)) {
    const child = (type as unknown as { children: { type: DataType }[] }).children[0]!.type;
    const items = Array.from(v as Iterable<unknown>);
    return items.map((x) => convert(x, child));
  }
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return v;
  if (ArrayBuffer.isView(v)) return Number(String(v));
  return String(v);
}

export function arrowToRows<T extends Row = Row>(table: Table): T[] {
  const fields = table.schema.fields;
  const columns = fields.map((f) => table.getChild(f.name));
  const out: T[] = [];
  for (let i = 0; i < table.numRows; i++) {
    const row: Row = {};
    fields.forEach((f, j) => {
      row[f.name] = convert(columns[j]?.get(i), f.type);
    });
    out.push(row as T);
  }
  return out;
}
