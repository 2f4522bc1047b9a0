/**
 * Where the editor's autosave sends a text: main's draft, or a proposal
 * (stores/draft-sync.ts decides between changes, one call and parts).
 */
import { editor, review, type DraftState, type ProposalInfo } from '../api';
import type { SaveChannel } from './draft-sync';

/** The draft of script id. */
export function draftChannel(id: string): SaveChannel<DraftState> {
  return {
    changes: async (edit) => {
      const st = await editor.saveDraftChanges(id, edit);
      return st.stale ? null : st;
    },
    whole: (text) => editor.saveDraft(id, text),
    part: (upload, index, part) => editor.sendPart(upload, index, part),
    upload: (upload, sum) => editor.saveDraftUpload(id, upload, sum),
  };
}

/** The proposal name of script id. */
export function proposalChannel(id: string, name: () => string): SaveChannel<ProposalInfo> {
  return {
    changes: async (edit) => {
      const r = await review.saveProposalChanges(id, name(), edit);
      return r.stale ? null : r.proposal;
    },
    whole: (text) => review.saveProposal(id, name(), text),
    part: (upload, index, part) => editor.sendPart(upload, index, part),
    upload: (upload, sum) => review.saveProposalUpload(id, name(), upload, sum),
  };
}
