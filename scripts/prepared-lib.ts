import { NodeEngine } from '../src/lib/engine/node';
import { loadExtract } from '../src/lib/ingest';
import { readExtractDir } from '../src/lib/ingest/files-node';
import { chartRows } from '../src/lib/views/chart-data';
import { OVERVIEW_CHARTS } from '../src/lib/views/overview';
import type { ChartData } from '../src/lib/views/chart-data';

export async function computePrepared(dir: string): Promise<Record<string, ChartData>> {
  const engine = await NodeEngine.create({ threads: 2 });
  try {
    await loadExtract(engine, readExtractDir(dir));
    const out: Record<string, ChartData> = {};
    for (const spec of OVERVIEW_CHARTS) out[spec.id] = await chartRows(engine, spec);
    return out;
  } finally {
    await engine.close();
  }
}
