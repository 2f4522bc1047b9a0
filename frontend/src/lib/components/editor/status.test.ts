import { describe, expect, it } from 'vitest';
import type { SaveState } from '../../stores/autosave';
import { t } from '../../i18n/en';
import { figuresLabel, pagesLabel, revisionLabel, saveLabel, type StatusInput } from './status';

const base: StatusInput = { state: 'saved', errorText: '', committed: true, hasRevision: true, proposal: '' };

describe('status bar words', () => {
  it('never says "Unsaved changes" with "Matches last revision"', () => {
    for (const state of ['saved', 'pending', 'saving', 'error'] as SaveState[]) {
      for (const committed of [true, false]) {
        const s = { ...base, state, committed };
        if (saveLabel(s) === t.pending) expect(revisionLabel(s)).not.toBe(t.upToDate);
        if (state !== 'saved') expect(revisionLabel(s)).toBe(t.sinceRevision);
      }
    }
  });
  it('says the draft matches only once saved and committed', () => {
    expect(revisionLabel(base)).toBe(t.upToDate);
    expect(revisionLabel({ ...base, committed: false })).toBe(t.sinceRevision);
  });
  it('names the proposal, and the lack of a revision', () => {
    expect(revisionLabel({ ...base, proposal: 'Pier' })).toBe(t.proposalStatusLine('Pier'));
    expect(revisionLabel({ ...base, hasRevision: false, state: 'pending' })).toBe(t.noRevisionYet);
  });
  it('puts the error in the save label', () => {
    expect(saveLabel({ ...base, state: 'error', errorText: 'disk full' })).toBe(t.saveFailed('disk full'));
  });
  it('shows the laid-out page count once known, and says it is counting until then', () => {
    expect(pagesLabel(3).text).toBe('3 pages');
    expect(pagesLabel(1).text).toBe('1 page');
    expect(pagesLabel(0).text).toBe('Counting pages…');
    expect(pagesLabel(0).hint).toBe(t.pagesLayingOutHint);
    expect(pagesLabel(3).hint).toBe(t.pagesLaidOutHint);
    expect(figuresLabel({ words: 1200, pages: 12 })).toBe('12 pages · 1,200 words');
    expect(figuresLabel(undefined)).toBe('Counting pages…');
  });
});
