import { beforeEach, expect, it, vi } from 'vitest';
import type { RevisionInfo, RevisionView } from '../../api';

// The backend as the views see it: history.view questions whose answers the
// test releases when it wants, in any order.
const backend = vi.hoisted(() => ({
  views: [] as Array<{ id: string; answer: (v: RevisionView) => void; fail: (e: Error) => void }>,
}));
vi.mock('../../api', () => ({
  DRAFT: 'draft',
  history: {
    view: (_script: string, id: string) =>
      new Promise<RevisionView>((answer, fail) => backend.views.push({ id, answer, fail })),
  },
}));
const shown = vi.hoisted(() => ({ errors: [] as unknown[] }));
vi.mock('../../stores/notices', () => ({ error: (e: unknown) => shown.errors.push(e) }));

import { EditorViews } from './views.svelte';
import type { EditorController } from './controller.svelte';
import type { ProposalMode } from '../proposals/proposalMode.svelte';

const rev = (id: string, parents: string[] = []) => ({ id, parents, message: id }) as unknown as RevisionInfo;
const revs = [rev('two', ['one']), rev('one')];

/** The views over an editor whose saves finish when the test says (flushes). */
function setup() {
  const flushes: Array<() => void> = [];
  const ed = {
    scriptId: 's1',
    revisions: revs,
    committed: true,
    saver: { flush: () => new Promise<void>((res) => flushes.push(res)) },
    focus: () => {},
  } as unknown as EditorController;
  const views = new EditorViews(ed, () => ({ start: null }) as unknown as ProposalMode);
  return { views, flushes };
}

/** Lets every settled promise's continuations run. */
const settle = () => new Promise((res) => setTimeout(res, 0));

beforeEach(() => {
  backend.views.length = 0;
  shown.errors.length = 0;
});

it('a revision whose text arrives after "Compare with previous" does not replace the comparison', async () => {
  const { views, flushes } = setup();
  const selecting = views.select(revs[0]); // clicked in History; its text is on its way
  const comparing = views.openCompare('one', 'two'); // then "Compare with previous"
  flushes.shift()!();
  await comparing;
  expect(views.comparing).toEqual({ left: 'one', right: 'two' });
  backend.views.shift()!.answer({ info: revs[0], text: 'INT. LATE\n' } as unknown as RevisionView);
  await selecting;
  await settle();
  expect(views.viewing).toBeNull();
  expect(views.comparing).toEqual({ left: 'one', right: 'two' });
});

it('a comparison that waited for a save does not replace a revision clicked meanwhile', async () => {
  const { views, flushes } = setup();
  const comparing = views.openCompare('one', 'two'); // waits for the draft to be saved
  const selecting = views.select(revs[1]); // then a revision is clicked
  backend.views.shift()!.answer({ info: revs[1], text: 'INT. ONE\n' } as unknown as RevisionView);
  await selecting;
  flushes.shift()!();
  await comparing;
  await settle();
  expect(views.comparing).toBeNull();
  expect(views.viewing?.info.id).toBe('one');
});

it('of two revisions clicked, the one clicked last shows, whichever text arrives last', async () => {
  const { views } = setup();
  const first = views.select(revs[1]);
  const second = views.select(revs[0]);
  const [one, two] = backend.views.splice(0);
  two.answer({ info: revs[0], text: 'INT. TWO\n' } as unknown as RevisionView);
  await second;
  one.answer({ info: revs[1], text: 'INT. ONE\n' } as unknown as RevisionView);
  await first;
  expect(views.viewing?.info.id).toBe('two');
});

it('a revision that failed to load after a newer action says nothing; the newest one says why', async () => {
  const { views } = setup();
  const stale = views.select(revs[1]);
  views.closePreview();
  backend.views.shift()!.fail(new Error('gone'));
  await stale;
  expect(shown.errors).toEqual([]);
  const fresh = views.select(revs[0]);
  backend.views.shift()!.fail(new Error('not found'));
  await fresh;
  expect(shown.errors).toHaveLength(1);
  expect(views.viewing).toBeNull();
});
