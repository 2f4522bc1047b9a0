package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/scriptroom/scriptroom/internal/diff"
)

func init() {
	commands["diff"] = command{
		usage:   "diff A B [--format unified|json|stat|scenes] [-U N] [--ignore notes,boneyard,whitespace]",
		summary: "compare two versions (exit 0 equal, 1 different, 2 trouble)",
		run:     runDiff,
	}
}

// Exit codes of diff, as diff(1) has them.
const (
	diffSame    = 0
	diffDiffers = 1
	diffTrouble = 2
)

// runDiff compares two files byte for byte: the unified format is a patch
// that GNU patch applies to A to rebuild B exactly, so texts are not
// re-encoded or normalised (only a binary file is refused).
func runDiff(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	format := fs.String("format", "unified", "output format: unified, json, stat or scenes")
	context := fs.Int("U", diff.DefaultContext, "lines of context in the unified format")
	ignoreList := fs.String("ignore", "", "leave out of the changes and scenes: "+diff.IgnoreWords+" (comma-separated; not with --format unified)")
	pos, err := parseArgs(fs, args, 2)
	if err == nil {
		err = oneOf("format", *format, "unified", "json", "stat", "scenes")
	}
	if err == nil && *context < 0 {
		err = usageError("-U must not be negative")
	}
	var ignore diff.Ignore
	if err == nil {
		if ignore, err = diff.ParseIgnore(*ignoreList); err != nil {
			err = usageError("--ignore: %v", err)
		}
	}
	if err == nil && *ignoreList != "" && *format == "unified" {
		err = usageError("--ignore works with --format json, stat or scenes: a unified diff is an exact patch")
	}
	if err != nil {
		fail(stderr, "diff", err)
		return diffTrouble
	}
	a, errA := readDiffFile(pos[0])
	b, errB := readDiffFile(pos[1])
	for _, e := range []error{errA, errB} {
		if e != nil {
			fmt.Fprintf(stderr, "scriptroom diff: %v\n", e)
			return diffTrouble
		}
	}
	if len(a.Text)+len(b.Text) < 4<<20 {
		// A short-lived process on small files: collect garbage less often.
		debug.SetGCPercent(400)
	}
	if *format == "unified" {
		out, degraded := diff.UnifiedDiff(a, b, *context)
		if _, err := io.WriteString(stdout, out); err != nil {
			fmt.Fprintf(stderr, "scriptroom diff: write: %v\n", err)
			return diffTrouble
		}
		if degraded {
			fmt.Fprintf(stderr, "scriptroom diff: %s", strings.TrimPrefix(diff.DegradedNotice, "# scriptroom diff: "))
		}
		if ea, eb := diff.LineEndings(a.Text), diff.LineEndings(b.Text); ea != eb && ea != "" && eb != "" {
			fmt.Fprintf(stderr, "scriptroom diff: line endings differ (%s in %s, %s in %s): the patch changes every line; --format stat or scenes compare the text without them\n", ea, a.Name, eb, b.Name)
		}
		if a.Text == b.Text {
			return diffSame
		}
		return diffDiffers
	}
	opts := diff.Options{Ignore: ignore}
	var r *diff.Result
	switch *format {
	case "scenes":
		r = diff.Summarize(a.Text, b.Text, opts) // no rows or words: only scenes are shown
	case "stat":
		opts.NoWords = true
		r = diff.Compare(a.Text, b.Text, opts)
	default:
		r = diff.Compare(a.Text, b.Text, opts)
	}
	for _, n := range r.Notices {
		fmt.Fprintf(stderr, "scriptroom diff: %s\n", n)
	}
	if r.Degraded {
		fmt.Fprintf(stderr, "scriptroom diff: the comparison hit its work limit: changes are exact but coarser than needed\n")
	}
	var werr error
	switch *format {
	case "json":
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		werr = enc.Encode(r)
	case "stat":
		werr = writeStat(stdout, a, b, r)
		if werr == nil && r.Degraded {
			_, werr = io.WriteString(stdout, " degraded: the comparison hit its work limit\n")
		}
	case "scenes":
		werr = writeScenes(stdout, r.Summary)
	}
	if werr != nil {
		fmt.Fprintf(stderr, "scriptroom diff: write: %v\n", werr)
		return diffTrouble
	}
	if a.Text == b.Text {
		return diffSame
	}
	return diffDiffers
}

// readDiffFile reads one side of a diff with its modification time.
func readDiffFile(path string) (diff.File, error) {
	st, err := os.Stat(path)
	if err != nil {
		return diff.File{}, fileError(path, err)
	}
	if st.IsDir() {
		return diff.File{}, fmt.Errorf("%s: is a directory", path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return diff.File{}, fileError(path, err)
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return diff.File{}, fmt.Errorf("%s: is a binary file (it contains NUL bytes)", path)
	}
	return diff.File{Name: path, Time: st.ModTime(), Text: string(b)}, nil
}

// writeStat prints one line per file pair, as `git diff --stat` does, then
// the row counts and the scene counts.
func writeStat(w io.Writer, a, b diff.File, r *diff.Result) error {
	s := r.Stats
	ins, del := s.Inserted+s.Changed, s.Deleted+s.Changed
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s => %s | %d %s%s\n", a.Name, b.Name, ins+del,
		strings.Repeat("+", scaled(ins, ins+del)), strings.Repeat("-", scaled(del, ins+del)))
	fmt.Fprintf(&sb, " %d lines inserted, %d deleted, %d changed, %d unchanged\n", s.Inserted, s.Deleted, s.Changed, s.Equal)
	if sum := r.Summary; sum != nil {
		fmt.Fprintf(&sb, " scenes: %d → %d; %d added, %d removed, %d modified, %d rewritten, %d moved, %d unchanged\n",
			sum.OldScenes, sum.NewScenes,
			sum.Count(diff.SceneAdded), sum.Count(diff.SceneRemoved), sum.Count(diff.SceneModified),
			sum.Count(diff.SceneRewritten), sum.Count(diff.SceneMoved), sum.Unchanged)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}

// scaled maps n of total onto a bar of at most 50 characters, keeping at
// least one character for any non-zero n.
func scaled(n, total int) int {
	const width = 50
	if total <= width || n == 0 {
		return n
	}
	return max(1, n*width/total)
}

// writeScenes prints the scene summary, a line per change.
func writeScenes(w io.Writer, s *diff.SceneSummary) error {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%d scenes → %d scenes, %d unchanged\n", s.OldScenes, s.NewScenes, s.Unchanged)
	if s.PreambleChanged {
		sb.WriteString("title page or opening changed\n")
	}
	if s.OutlineChanged {
		sb.WriteString("sections, synopses or notes changed\n")
	}
	for _, c := range s.Changes {
		switch c.Kind {
		case diff.SceneAdded:
			fmt.Fprintf(&sb, "added      #%d %s (line %d, %d lines)\n", c.NewScene, c.NewHeading, c.NewLine, c.LinesAdded)
		case diff.SceneRemoved:
			fmt.Fprintf(&sb, "removed    #%d %s (line %d, %d lines)\n", c.OldScene, c.OldHeading, c.OldLine, c.LinesRemoved)
		case diff.SceneMoved:
			fmt.Fprintf(&sb, "moved      #%d → #%d %s (+%d −%d lines)\n", c.OldScene, c.NewScene, c.NewHeading, c.LinesAdded, c.LinesRemoved)
		default:
			heading := c.NewHeading
			if c.OldHeading != c.NewHeading {
				heading = c.OldHeading + " → " + c.NewHeading
			}
			fmt.Fprintf(&sb, "%-10s #%d %s (+%d −%d lines, %.0f%% the same)\n", c.Kind, c.NewScene, heading, c.LinesAdded, c.LinesRemoved, 100*c.Similarity)
		}
	}
	for _, r := range s.Reassigned {
		fmt.Fprintf(&sb, "reassigned %s → %s: %q (line %d)\n", r.From, r.To, r.Text, r.NewLine)
	}
	for _, r := range s.Renamed {
		fmt.Fprintf(&sb, "renamed    %s → %s (%d speeches)\n", r.From, r.To, r.Speeches)
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
