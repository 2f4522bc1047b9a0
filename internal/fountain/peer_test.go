package fountain

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// This file holds what the peer-suite tests share: the skip table type and a
// reader for the small subset of YAML the jouvence-py suite uses.

// decision is a peer case where we deliberately differ from that peer,
// with the reason in the words of the spec (https://fountain.io/syntax).
type decision struct {
	reason string
}

// skipIfDecided skips t with the reason when the case is in the table, and
// reports whether it did. It also records that the entry was used.
func skipIfDecided(t *testing.T, table map[string]decision, used map[string]bool, key string) {
	t.Helper()
	if d, ok := table[key]; ok {
		used[key] = true
		t.Skipf("we decide differently from this peer: %s", d.reason)
	}
}

// checkTableUsed fails when a skip-table entry names no case, so the table
// cannot hide a case that no longer exists.
func checkTableUsed(t *testing.T, table map[string]decision, used map[string]bool) {
	t.Helper()
	for k := range table {
		if !used[k] {
			t.Errorf("skip table entry %q matches no case", k)
		}
	}
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
