// Package diff compares screenplay texts: line alignment for the side-by-side
// view, word-level differences inside changed lines, a scene-level summary,
// unified diffs in the exact `diff -u` format, and a three-way merge.
//
// # Entry points
//
//   - Lines(a, b, opts) *Result: the line edit script (Edits), one Row per
//     line of the side-by-side view (kind equal|insert|delete|change, line
//     numbers and texts of both sides, word Segments on change rows, the
//     Fountain element type of each side), and Changes (runs of non-equal rows
//     with the elements they touch and their scene), ready to be sent to the
//     frontend as JSON (camelCase tags).
//   - Compare(a, b, opts) *Result: Lines plus the scene Summary.
//   - Result.View() *View: a result packed for the compare view, each line's
//     text once (an unchanged line is on both sides of its row), equal rows
//     as runs, element types by index; View.Rows gives the rows back, as the
//     page does (frontend/src/lib/api/packed.ts).
//   - CompareView(a, b, opts) *View: Compare(a, b, opts).View() made from
//     the edit script directly, without a Row per line in between.
//   - Scenes(a, b) SceneSummary: scenes added, removed, modified (lines added
//     and removed, similarity), rewritten (same place and heading, content
//     replaced) and moved (a removed and an added scene that are the same or
//     nearly so); speeches reassigned (same words, another character); and
//     characters renamed throughout.
//   - Unified(aName, bName, a, b, context) and UnifiedFiles: `diff -u` output
//     with "--- a" / "+++ b" headers (optional times), hunk headers as GNU
//     diff writes them and "\ No newline at end of file"; GNU patch applies it.
//   - Merge(base, ours, theirs) and MergeWith: three-way merge (see below).
//
// # How lines are compared
//
// The common prefix and suffix are trimmed, each distinct line of the
// middle becomes one integer id, and git's histogram diff runs over the ids
// (diff_histogram.go): in each range the longest run of equal lines among
// those starting at the lines rarest on the left is kept as equal, and both
// sides of it are diffed the same way; among equally long and rare runs the
// one nearest the diagonal wins, so a text that repeats itself aligns copy
// with copy. A range of up to 2,000 lines whose common lines all occur more
// than 64 times goes to go-diff's Myers diff (each distinct line one rune);
// a larger one (unrelated texts sharing only blank lines and "CUT TO:"), or
// one past the rune alphabet, is one delete and one insert, still exact. There is no limit on
// the number of distinct lines. Lines keep their terminators, so CRLF, a
// missing final newline and any Unicode round-trip byte for byte.
//
// Pure insertions and deletions slide down as far as equal lines allow, as
// GNU diff does, so unified output matches `diff -u` byte for byte on the
// corpus revision chains.
//
// Line endings and noise: when one text's line breaks are all "\r\n" and the
// other's all "\n", or only one starts with a byte order mark, they are
// compared without them and Result.Notices says so once
// (Options.IgnoreLineEndings always compares without line endings).
// Options.Ignore leaves notes ([[ ]]), boneyard (/* */, over lines too) and
// white-space-only changes out of the changes and the scene summary: lines
// holding only ignored content are left out of the alignment and come back as
// rows marked Ignored, in no Change. Unified output is always exact.
//
// Word level: inside a changed block, deleted and inserted lines are aligned
// by word similarity, then each pair is diffed by word tokens (again one
// token per rune) and cleaned with go-diff's DiffCleanupSemantic. A change
// row whose texts are equal (only "\r\n" versus "\n", or the final newline,
// differs) is marked LineEndingOnly.
//
// Bounded worst case, the same result everywhere: a line diff has a work
// budget counted in steps (lines indexed, scanned and compared; 2^24 plus
// 1,024 per line), past which the ranges left are one delete and one
// insert (still exact); word-level work has one too (2^24 plus 64 per byte
// of the two texts), past which the remaining change rows keep line level
// only. Either sets Result.Degraded, and a unified diff then starts with
// DegradedNotice (patch skips it). The budgets are far above what real
// scripts need (a 5 MB script with scattered edits uses 2% of the line
// budget) and, being counts rather than clock time, give the same answer on
// a loaded machine as on a quiet one. A positive Options.Timeout adds a
// wall-clock bound for callers that must answer in time whatever the result.
//
// Compare parses both texts while the line diff runs and builds the rows
// while the scene summary is made; Summarize makes only the summary (it
// runs the line diff too, while both texts are parsed). The summary takes
// the line diff: scenes and speeches whose lines it leaves unchanged are
// settled at once, and only the others are matched by content. Each line's
// normalized hash is made once; line ids come from one hash per line into
// an open-addressing table; word tokens are interned once per comparison.
//
// # Elements and scenes
//
// Changes and rows attach to Fountain elements, as internal/fountain's
// parser finds them (with their source line ranges): each change names the
// elements it touches and, for dialogue, the speaker; each row carries the
// element type of its lines. Boneyard and notes are the parser's to judge.
//
// Scenes are matched by the similarity of their normalized non-blank lines
// (sections, synopses and notes left out: they are outline; white space
// collapsed), then the scenes left over by the similarity of their words (so
// a scene where every line had a small edit is still the same scene). The
// matched scenes forming the longest chain in the same order stay in place
// and the other matches are moved; an unmatched old and new scene between
// the same neighbours with the same heading are one scene, rewritten.
// Speeches (cue plus dialogue, parentheticals left out) of at least 12
// characters whose words are found under another character are reassigned,
// except that moves from a name no cue uses any more to a name no cue used
// before are one Rename: the character was renamed throughout.
//
// # Merge
//
// Merge is a diff3 of our own (after Khanna, Kunal and Pierce, "A Formal
// Investigation of Diff3") over the package's line diffs base→ours and
// base→theirs. The Go libraries looked at do not fit: github.com/nasdf/diff3
// returns only the merged string (no conflict list or line ranges) and diffs
// characters with go-diff; github.com/epiclabs-io/diff3 (a port of
// node-diff3) runs its own LCS diff, so neither would share our >65,535-line
// handling, timeouts and element boundaries, and the algorithm is ~100 lines.
// Chunks changed on one side take that side; chunks changed identically on
// both take it once; others conflict. A conflict then grows to whole
// Fountain elements: it takes in the unchanged non-blank lines next to it up
// to a blank line (the rest of a speech or a paragraph), and conflicts that
// meet are joined. Conflict markers are git's ("<<<<<<< ours", optionally
// "||||||| base", "=======", ">>>>>>> theirs").
//
// # Speed
//
// BenchmarkDiffVsGit runs Compare (Big Fish against a copy with 5% of its
// lines edited) and `git diff --no-index --word-diff` of the same files in one
// loop and reports x-git, ours ÷ git (goal ≤ 1.0); BenchmarkDiffFeature and
// BenchmarkGitWordDiffFeature time them apart. BenchmarkDiffRewrite (Big Fish
// against an unrelated feature) has a goal of 100 ms and fails on any
// degraded result. BenchmarkDiffLarge diffs a 5 MB script with scattered
// edits against git (hunks and x-git, goal ≤ 2).
//
// Garbage collection was about half of a feature's comparison, so a
// comparison allocates little besides what it returns: the arrays it only
// works in (lines, Fountain elements, line ids and the histogram's indexes,
// scene, speech and hash tables, the word differ's tables) come from
// sync.Pools and go back cleared when it ends (docBufs, lineScratch,
// rowScratch, sumScratch); a line both sides share is hashed once for the
// scene summary; and CompareView skips the rows the compare view does not
// keep. BenchmarkCompareViewFeature and BenchmarkCompareThenViewFeature
// time the compare view's two ways.
//
// It is the one owner of go-diff calls and of line splitting (SplitLines)
// for the packages that compare text: internal/review anchors comments and
// finds a proposal's changes through EditScript, Chars, MapOffset,
// Levenshtein and Match; internal/store makes its revision deltas from
// EditScript and splits lines with SplitLines.
//
// The package imports internal/fountain (for its element types) and go-diff;
// it must never import app, sync, store or anything above it.
package diff
