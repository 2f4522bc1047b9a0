package fountain

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/scriptroom/scriptroom/internal/corpus"
)

// This file holds what the peer-suite tests share: the table of known
// differences, the comparison of two element lists, the per-suite tally, and a
// reader for the small subset of YAML the jouvence-py suite uses.
//
// Each suite turns the peer's expected output and our parse into the same
// kind of list (one string per element, in a form both can express) and
// compares them. Where the peer decides differently from the Fountain 1.1
// spec (https://fountain.io/syntax), the case is in the suite's table with the
// spec's words and the exact difference, and the test checks that the
// difference is still exactly that.

// knownDiff is one difference from a peer: the reason, quoting the spec, and
// the exact lines of the difference ("-" the peer's item, "+" ours).
type knownDiff struct {
	reason string
	diff   []string
}

// peerTally counts the cases of one suite.
type peerTally struct {
	cases, passed, known int
}

var (
	tallyMu sync.Mutex
	tallies = map[string]*peerTally{}
	// lastTallies keeps each suite's counts from its last run, for
	// TestPeerREADME.
	lastTallies = map[string]peerTally{}
)

// comparePeer compares our list with the peer's for one case. A case with
// no table entry must agree; a case with one must differ exactly as the
// entries say, in order.
func comparePeer(t *testing.T, suite string, table map[string][]knownDiff, used map[string]bool, key string, got, want []string) {
	t.Helper()
	d := listDiff(want, got)
	entries, known := table[key]
	tallyMu.Lock()
	tl := tallies[suite]
	if tl == nil {
		tl = &peerTally{}
		tallies[suite] = tl
	}
	tl.cases++
	tallyMu.Unlock()
	if !known {
		if len(d) > 0 {
			t.Errorf("%s %s differs from the peer (- peer, + ours):\n%s\nas Go: %#v", suite, key, strings.Join(d, "\n"), d)
			return
		}
		tallyMu.Lock()
		tl.passed++
		tallyMu.Unlock()
		return
	}
	used[key] = true
	var wantDiff []string
	for _, e := range entries {
		wantDiff = append(wantDiff, e.diff...)
	}
	if strings.Join(d, "\n") != strings.Join(wantDiff, "\n") {
		t.Errorf("%s %s: the known difference changed (- peer, + ours)\ngot:\n%s\nwant:\n%s\ngot as Go: %#v",
			suite, key, strings.Join(d, "\n"), strings.Join(wantDiff, "\n"), d)
		return
	}
	tallyMu.Lock()
	tl.known += len(entries)
	tallyMu.Unlock()
}

// reportTally logs the suite's counts (go test -v prints them) and fails when
// a table entry matches no case, so the table cannot hide a case that no
// longer exists.
func reportTally(t *testing.T, suite string, table map[string][]knownDiff, used map[string]bool) {
	t.Helper()
	var keys []string
	for k := range table {
		if !used[k] {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		t.Errorf("known-difference entry %q matches no case", k)
	}
	tallyMu.Lock()
	tl := tallies[suite]
	delete(tallies, suite) // so that -count=2 counts each run alone
	if tl != nil {
		lastTallies[suite] = *tl
	}
	tallyMu.Unlock()
	if tl == nil {
		t.Fatalf("%s: no cases ran", suite)
	}
	t.Logf("peer suite %s: %d cases, %d passed, %d cases with known differences (%d differences)",
		suite, tl.cases, tl.passed, len(table), tl.known)
}

// TestPeerREADME runs every peer suite and checks that the figures in
// testdata/README.md are the ones the suites give.
func TestPeerREADME(t *testing.T) {
	// Every suite reads the corpus: without it each would skip and report
	// 0 cases, which is not what the README says.
	corpus.Dir(t)
	suites := []struct {
		name string
		test func(*testing.T)
	}{
		{"jouvence-py", TestPeerJouvencePy}, {"jouvence-js", TestPeerJouvenceJS},
		{"fountain-tools", TestPeerFountainTools}, {"nyousefi-fountain", TestPeerNyousefiFountain},
		{"screenplain", TestPeerScreenplain}, {"aw-parser", TestPeerAwParser},
	}
	readme, err := os.ReadFile(filepath.Join("testdata", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, su := range suites {
		if !t.Run(su.name, su.test) {
			continue
		}
		tallyMu.Lock()
		tl := lastTallies[su.name]
		tallyMu.Unlock()
		row := regexp.MustCompile(`(?m)^\| ` + regexp.QuoteMeta(su.name) + ` \|[^|]*\| (\d+) \| (\d+) \| (\d+)`).FindStringSubmatch(string(readme))
		if row == nil {
			t.Errorf("testdata/README.md has no row for %s", su.name)
			continue
		}
		if got := fmt.Sprintf("%d %d %d", tl.cases, tl.passed, tl.cases-tl.passed); got != strings.Join(row[1:], " ") {
			t.Errorf("testdata/README.md says %s has %s (cases, passed, known); the run gives %s", su.name, strings.Join(row[1:], " "), got)
		}
	}
}

// listDiff returns the lines that differ between a (the peer's, marked "-")
// and b (ours, marked "+"), by a longest common subsequence.
func listDiff(a, b []string) []string {
	n, m := len(a), len(b)
	lcs := make([][]int, n+1)
	for i := range lcs {
		lcs[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []string
	i, j := 0, 0
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i] == b[j]:
			i++
			j++
		case i < n && (j == m || lcs[i+1][j] >= lcs[i][j+1]):
			out = append(out, "-"+a[i])
			i++
		default:
			out = append(out, "+"+b[j])
			j++
		}
	}
	return out
}

// quoteItem writes an element as "type: text" with Go quoting of the text,
// so that a list of them reads one element per line.
func quoteItem(typ string, text string, extra ...string) string {
	s := fmt.Sprintf("%s %q", typ, text)
	for _, x := range extra {
		if x != "" {
			s += " " + x
		}
	}
	return s
}

// yamlDoc is one document of a jouvence-py test file.
type yamlDoc struct {
	in    string
	out   []string
	title map[string]string
}

// parseYAMLDocs reads the jouvence-py subset of YAML: documents separated by
// "---", each with top-level keys whose values are a quoted or plain scalar,
// a "|" block scalar, "[]" or "{}", or an indented list or map.
func parseYAMLDocs(src string) ([]yamlDoc, error) {
	var docs []yamlDoc
	lines := strings.Split(strings.ReplaceAll(src, "\r\n", "\n"), "\n")
	var cur *yamlDoc
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "---" {
			docs = append(docs, yamlDoc{title: map[string]string{}})
			cur = &docs[len(docs)-1]
			continue
		}
		if cur == nil || strings.TrimSpace(l) == "" || strings.HasPrefix(l, " ") || strings.HasPrefix(l, "#") {
			continue
		}
		key, val, ok := strings.Cut(l, ":")
		if !ok {
			return nil, fmt.Errorf("line %d: no key in %q", i+1, l)
		}
		val = strings.TrimSpace(val)
		// Collect the indented lines that belong to this key.
		j := i + 1
		for j < len(lines) && (strings.HasPrefix(lines[j], " ") || strings.TrimSpace(lines[j]) == "") && strings.TrimSpace(lines[j]) != "---" {
			j++
		}
		body := lines[i+1 : j]
		i = j - 1
		switch {
		case val == "|":
			s := blockScalar(body)
			if key != "in" {
				return nil, fmt.Errorf("line %d: block scalar for %q", i+1, key)
			}
			cur.in = s
		case val == "[]" || val == "{}":
		case val == "":
			for _, b := range body {
				b = strings.TrimSpace(b)
				if b == "" {
					continue
				}
				if item, ok := strings.CutPrefix(b, "- "); ok {
					v, err := yamlScalar(item)
					if err != nil {
						return nil, err
					}
					cur.out = append(cur.out, v)
					continue
				}
				k, v, _ := strings.Cut(b, ":")
				sv, err := yamlScalar(strings.TrimSpace(v))
				if err != nil {
					return nil, err
				}
				cur.title[k] = sv
			}
		default:
			v, err := yamlScalar(val)
			if err != nil {
				return nil, err
			}
			if key == "in" {
				cur.in = v
			}
		}
	}
	return docs, nil
}

// blockScalar reads a "|" block: the indentation of its first line is
// removed and the text ends with one newline.
func blockScalar(body []string) string {
	indent := -1
	var out []string
	for _, b := range body {
		if indent < 0 && strings.TrimSpace(b) != "" {
			indent = len(b) - len(strings.TrimLeft(b, " "))
		}
		if indent >= 0 && len(b) >= indent {
			out = append(out, b[indent:])
		} else {
			out = append(out, "")
		}
	}
	s := strings.TrimRight(strings.Join(out, "\n"), "\n")
	return s + "\n"
}

func yamlScalar(v string) (string, error) {
	switch {
	case strings.HasPrefix(v, `"`):
		return strconv.Unquote(v)
	case strings.HasPrefix(v, "'"):
		return strings.ReplaceAll(strings.TrimSuffix(v[1:], "'"), "''", "'"), nil
	}
	return v, nil
}
