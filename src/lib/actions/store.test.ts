import { describe, expect, it } from 'vitest';
import { clearEditedPlan, loadEditedPlan, planKey, saveEditedPlan, type KeyValueStore } from './store';
import type { ActionRecord } from './types';

function memory(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

const A: ActionRecord = { action_id: 'A1', title: '@home visits', owner_agency: 'health', due_date: '2025-03-31', status: 'at_risk', completed_date: null, metric_id: 'nfa_rate', target: 0.15 };

describe('plan store', () => {
  it('keys by the files (name and SHA-256), whatever order they come in', () => {
    const k1 = planKey([{ name: 'referrals.csv', sha256: 'aa' }, { name: 'actions.csv', sha256: 'bb' }]);
    const k2 = planKey([{ name: 'actions.csv', sha256: 'bb' }, { name: 'referrals.csv', sha256: 'aa' }]);
    expect(k1).toBe(k2);
    expect(k1).toBe('nm:action-plan:v1:actions.csv=bb|referrals.csv=aa');
    expect(planKey([{ name: 'referrals.csv', sha256: 'ab' }, { name: 'actions.csv', sha256: 'bb' }])).not.toBe(k1);
  });
  it('saves and loads back one extract, not another', () => {
    const s = memory();
    const demo = planKey([{ name: 'referrals.csv', sha256: 'aa' }]);
    const other = planKey([{ name: 'referrals.csv', sha256: 'cc' }]);
    expect(saveEditedPlan(s, demo, [A])).toBeNull();
    expect(loadEditedPlan(s, demo)).toEqual([A]);
    expect(loadEditedPlan(s, other)).toBeNull();
    clearEditedPlan(s, demo);
    expect(loadEditedPlan(s, demo)).toBeNull();
  });
  it('keeps an empty plan as edits (every action removed is still an edit)', () => {
    const s = memory();
    saveEditedPlan(s, 'k', []);
    expect(loadEditedPlan(s, 'k')).toEqual([]);
  });
  it('ignores stored text that is not a valid plan', () => {
    const s = memory();
    s.setItem('k', '{not json');
    expect(loadEditedPlan(s, 'k')).toBeNull();
    s.setItem('k', JSON.stringify({ v: 1, actions: [{ ...A, owner_agency: 'council' }] }));
    expect(loadEditedPlan(s, 'k')).toBeNull();
    s.setItem('k', JSON.stringify({ v: 1, actions: [A, A] })); // repeated id
    expect(loadEditedPlan(s, 'k')).toBeNull();
    s.setItem('k', JSON.stringify({ v: 2, actions: [A] }));
    expect(loadEditedPlan(s, 'k')).toBeNull();
  });
  it('reports a browser that refuses to store', () => {
    const s: KeyValueStore = { getItem: () => null, removeItem: () => {}, setItem: () => { throw new Error('QuotaExceededError'); } };
    expect(saveEditedPlan(s, 'k', [A])).toContain('QuotaExceededError');
  });
});
