import { describe, expect, it } from 'vitest';
import { NodeEngine } from '../engine/node';
import { warmUpFiles } from './warm-engine';

describe('the warm-up extract', () => {
  it('loads whole through the full load path (a refused or rejected warm-up would warm little)', async () => {
    const { loadExtract } = await import('../ingest/index');
    const engine = await NodeEngine.create();
    try {
      const r = await loadExtract(engine, warmUpFiles(), { today: '2025-06-30' });
      expect(r.refused).toEqual([]);
      expect(r.replaced).toBe(true);
      // 40 made-up children, each with one referral, assessment and episode
      for (const t of ['children', 'referrals', 'assessments', 'episodes']) {
        expect([t, r.tables[t as 'children']?.read, r.tables[t as 'children']?.loaded, r.tables[t as 'children']?.rejected]).toEqual([t, 40, 40, 0]);
      }
      expect(r.warnings).toEqual([]);
    } finally {
      await engine.close();
    }
  });
});
