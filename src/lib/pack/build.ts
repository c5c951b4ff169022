/**
 * From extract files to the board pack's model and HTML, through the Engine interface only (so a
 * browser print view can call it too). Loads with the same ingestion as the dashboard, computes the
 * metrics at the as-of date (the extract's own, or an earlier one asked for), and reports the chosen
 * quarter: by default the latest quarter that has ended by the as-of date.
 */
import type { Engine } from '../engine/types';
import { loadExtract, type InputFile, type LoadReport } from '../ingest';
import { gatherPack } from './gather';
import { sha256Hex } from './hash';
import { packHtml, type HtmlOptions } from './html';
import { packModel, QuarterNotInDataError, type PackModel } from './model';
import { defaultQuarter } from './quarter';

export interface BuildPackOptions {
  /** The partnership named on page 1 (the CLI's --partnership, by default the data folder's name). */
  partnership: string;
  quarter?: string;
  asOf?: string;
  version: string;
  /** Passed to loadExtract (YYYY-MM-DD; default today in Europe/London). */
  today?: string;
  html?: HtmlOptions;
  /** What "Not in this source" names as the source (default: the partnership). */
  source?: string;
}

export interface BuiltPack {
  model: PackModel;
  html: string;
  report: LoadReport;
}

export async function buildPack(engine: Engine, files: InputFile[], opts: BuildPackOptions): Promise<BuiltPack> {
  const report = await loadExtract(engine, files, opts.today ? { today: opts.today } : {});
  const source = await gatherPack(engine, { asOf: opts.asOf });
  if (source.asOf === null) throw new QuarterNotInDataError('The extract holds no dated rows (or no referrals table), so no quarter can be reported.');
  const quarter =
    opts.quarter ??
    defaultQuarter(
      source.asOf,
      source.rows.filter((r) => r.grain === 'quarter').map((r) => r.period)
    );
  const hashed = await Promise.all(
    [...files]
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map(async (f) => ({ name: f.name, bytes: f.bytes.length, sha256: await sha256Hex(f.bytes) }))
  );
  const model = packModel({ source, report, quarter, partnership: opts.partnership, files: hashed, version: opts.version, sourceName: opts.source });
  return { model, html: packHtml(model, opts.html), report };
}
