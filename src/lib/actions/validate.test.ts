import { describe, expect, it } from 'vitest';
import { draftOf, emptyDraft, validateAction, type ActionDraft } from './validate';

const TODAY = '2025-01-10';
const good: ActionDraft = {
  action_id: 'A1',
  title: '  =Reduce re-referrals  ',
  owner_agency: 'early_help',
  due_date: '2026-06-30',
  status: 'on_track',
  completed_date: '',
  metric_id: 'rereferral_12m',
  target: '0.2'
};

describe('validateAction', () => {
  it('accepts a valid action, trimmed, with nulls for empty optional fields', () => {
    const r = validateAction(good, { otherIds: ['A2'], today: TODAY });
    expect(r).toEqual({
      ok: true,
      action: { action_id: 'A1', title: '=Reduce re-referrals', owner_agency: 'early_help', due_date: '2026-06-30', status: 'on_track', completed_date: null, metric_id: 'rereferral_12m', target: 0.2 }
    });
    const bare = validateAction({ ...good, metric_id: '', target: '' }, { otherIds: [], today: TODAY });
    expect(bare.ok && bare.action.metric_id === null && bare.action.target === null).toBe(true);
  });
  it('names every bad field with a message', () => {
    const r = validateAction(
      { action_id: 'A 1', title: 'x'.repeat(201), owner_agency: 'council', due_date: '2025-02-30', status: 'done', completed_date: '2025-01-11', metric_id: 'made_up', target: '60%' },
      { otherIds: [], today: TODAY }
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      action_id: 'Use 1 to 64 characters of A-Z a-z 0-9 _ - . (no spaces).',
      title: 'The title is 201 characters: at most 200.',
      owner_agency: '"council" is not an agency of the contract.',
      due_date: '2025-02-30 is not a real calendar date.',
      status: '"done" is not a status of the contract.',
      completed_date: 'The date must not be after today (2025-01-10).', // 2025-01-11 is the day after TODAY
      metric_id: '"made_up" is not a measure of metrics.md.',
      target: 'The target must be a number, e.g. 0.6 for 60%.'
    });
  });
  it('refuses a repeated id, an empty title, dates before 2000, and a bad date form', () => {
    const r = validateAction({ ...good, title: '   ', due_date: '1999-12-31', completed_date: '10/01/2025' }, { otherIds: ['A1'], today: TODAY });
    expect(r.ok ? {} : r.errors).toEqual({
      action_id: 'Another action already has the id A1.',
      title: 'Give the action a title.',
      due_date: 'The date must be on or after 2000-01-01.',
      completed_date: 'Write the date as YYYY-MM-DD.'
    });
  });
  it('takes 200 characters exactly (counted as characters, not bytes), a future due date, and the loader number forms', () => {
    const t = 'é'.repeat(200); // 200 characters, 400 bytes
    expect(validateAction({ ...good, title: t, due_date: '2099-01-01', target: '-3e-7' }, { otherIds: [], today: TODAY }).ok).toBe(true);
    expect(validateAction({ ...good, target: 'Infinity' }, { otherIds: [], today: TODAY }).ok).toBe(false);
    expect(validateAction({ ...good, target: '0x10' }, { otherIds: [], today: TODAY }).ok).toBe(false);
    expect(validateAction({ ...good, title: 'two\nlines' }, { otherIds: [], today: TODAY }).ok).toBe(false);
  });
  it('draftOf and emptyDraft give form text', () => {
    expect(emptyDraft().status).toBe('not_started');
    const a = { action_id: 'X', title: 'T', owner_agency: 'police', due_date: '2025-01-01', status: 'complete', completed_date: '2025-01-02', metric_id: null, target: 0.5 };
    expect(draftOf(a)).toEqual({ action_id: 'X', title: 'T', owner_agency: 'police', due_date: '2025-01-01', status: 'complete', completed_date: '2025-01-02', metric_id: '', target: '0.5' });
  });
});
