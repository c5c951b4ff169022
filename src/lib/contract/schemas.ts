/**
 * zod schemas at the product's trust boundaries, derived from the one contract definition
 * (tables.ts) and the metrics specification:
 * - `typedRowSchema(table)`: one typed row of a contract table as the product holds it (dates as
 *   'YYYY-MM-DD', enums canonical), used to check rows edited in the browser (the action plan);
 * - `metricRowSchema` / `metricsDocumentSchema`: the JSON document of `npm run metrics`;
 *   `publicationRowSchema` / `publicationDocumentSchema`: the same with `--publication`;
 * - `preparedDemoSchema`: the prepared demo's metadata fetched by the page.
 * Bulk validation of files stays set-based in DuckDB (ingest/); these check small objects.
 */
import { z } from 'zod';
import { tableSpec, type FieldSpec } from './tables';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function realDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const dateSchema = z.string().refine(realDate, { message: 'a real date written YYYY-MM-DD' });

function fieldSchema(f: FieldSpec): z.ZodType {
  switch (f.kind) {
    case 'id':
      return z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, '1 to 64 characters of A-Z a-z 0-9 _ - .');
    case 'date':
      return dateSchema;
    case 'month':
      return dateSchema.refine((s) => s.endsWith('-01'), { message: 'the first day of a month' });
    case 'bool':
      return z.boolean();
    case 'int': {
      let s = z.number().int('a whole number');
      if (f.min !== undefined) s = s.min(f.min);
      if (f.max !== undefined) s = s.max(f.max);
      return s;
    }
    case 'number':
      return z.number().finite();
    case 'enum':
      return z.enum((f.values ?? []) as [string, ...string[]]);
    case 'agency_list':
      return z.array(z.enum((f.values ?? []) as [string, ...string[]]));
    case 'quarter':
      return z.string().regex(/^\d{4}-\d{2} Q[1-4]$/, "a financial-year quarter such as '2025-26 Q1'");
    case 'text':
      return z.string().max(f.maxLength ?? 64);
  }
}

/** A typed row of `table`: required fields must be present, optional ones may be null. */
export function typedRowSchema(table: string) {
  const spec = tableSpec(table);
  if (!spec) throw new Error(`No table named '${table}' in the extract contract.`);
  const shape: Record<string, z.ZodType> = {};
  for (const f of spec.fields) shape[f.name] = f.required ? fieldSchema(f) : fieldSchema(f).nullable();
  return z.object(shape);
}

const num = z.number().nullable();

export const metricRowSchema = z.object({
  metric: z.string(),
  grain: z.enum(['quarter', 'month']),
  period: z.string().regex(/^(\d{4}-\d{2} Q[1-4]|\d{4}-\d{2})$/),
  dimension: z.string().nullable(),
  group: z.string().nullable(),
  numerator: num,
  denominator: num,
  value: num,
  p90: num,
  complete: z.boolean(),
  partial: z.boolean()
});

const tablesSchema = z.record(z.string(), z.object({ read: z.number().int(), loaded: z.number().int(), rejected: z.number().int() }));
const notInSourceSchema = z.array(
  z.object({ metric: z.string(), dimension: z.enum(['neglect']).nullable(), fields: z.array(z.string()).min(1) })
);

export const metricsDocumentSchema = z.object({
  as_of: dateSchema,
  tables: tablesSchema,
  metrics: z.array(metricRowSchema),
  not_in_source: notInSourceSchema
});

/** A cell of the publication form: a true number, null, or "c" (suppressed). */
const shown = z.union([z.number(), z.null(), z.literal('c')]);

/**
 * A row of `npm run metrics -- --publication` (metrics.md "Command-line output"): a suppressed row
 * has numerator, denominator and value "c" (p90 "c" or null) and `suppressed` primary or secondary;
 * an unsuppressed row has its numbers (never "c") and `suppressed` null.
 */
export const publicationRowSchema = metricRowSchema
  .extend({
    numerator: shown,
    denominator: shown,
    value: shown,
    p90: shown,
    suppressed: z.enum(['primary', 'secondary']).nullable()
  })
  .refine(
    (r) =>
      r.suppressed === null
        ? [r.numerator, r.denominator, r.value, r.p90].every((x) => x !== 'c')
        : r.numerator === 'c' && r.denominator === 'c' && r.value === 'c' && (r.p90 === 'c' || r.p90 === null),
    { message: 'a suppressed row has numerator, denominator and value "c"; an unsuppressed row has no "c"' }
  );

export const publicationDocumentSchema = z.object({
  as_of: dateSchema,
  tables: tablesSchema,
  metrics: z.array(publicationRowSchema),
  not_in_source: notInSourceSchema
});

export const preparedDemoSchema = z.object({
  report: z
    .object({
      tables: z.record(z.string(), z.object({ read: z.number(), loaded: z.number(), rejected: z.number() }).passthrough()),
      present: z.array(z.string())
    })
    .passthrough(),
  files: z.array(z.object({ name: z.string(), bytes: z.number().int(), sha256: z.string().regex(/^[0-9a-f]{64}$/) }))
});
