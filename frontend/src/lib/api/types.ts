/** The shapes the Go services return (see app/*.go and internal/store). */

export interface Stats {
  readonly words: number;
  readonly pages: number;
}

export interface ScriptInfo {
  readonly id: string;
  readonly title: string;
  readonly created: string;
  readonly modified: string;
  readonly head: string;
  readonly trashed: boolean;
  readonly words: number;
  readonly pages: number;
}

export interface ImportResult {
  readonly script: ScriptInfo;
  readonly notices: readonly string[];
}

export interface Doc {
  readonly script: ScriptInfo;
  readonly text: string;
  readonly base: string;
  readonly committed: boolean;
  readonly saved: string;
  readonly stats: Stats;
}

export interface DraftState {
  readonly saved: string;
  readonly committed: boolean;
  readonly stats: Stats;
}

export interface RevisionInfo {
  readonly id: string;
  readonly parents: readonly string[] | null;
  readonly author: string;
  readonly authorName: string;
  readonly time: string;
  readonly message: string;
  readonly seq: number;
  readonly stats: Stats;
}

export interface RevisionView {
  readonly info: RevisionInfo;
  readonly text: string;
}

export interface Profile {
  readonly name: string;
  readonly userId: string;
  readonly libraryPath: string;
}
