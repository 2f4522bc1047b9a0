package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scriptroom/scriptroom/internal/fountain"
)

func init() {
	commands["parse"] = command{
		usage:   "parse FILE [--json]",
		summary: "list the elements of a Fountain file (with --json, as JSON)",
		run:     runParse,
	}
}

// runParse parses one Fountain file and prints its title page and elements:
// as JSON with --json (the fountain.Script json form: "title_page" and
// "elements", each element with its type, text and lines), otherwise as a
// listing of line, type and text.
func runParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print the script as JSON")
	pos, err := parseArgs(fs, args, 1)
	if err != nil {
		return fail(stderr, "parse", err)
	}
	text, err := readText(pos[0], stderr)
	if err != nil {
		return fail(stderr, "parse", err) // the error names the file
	}
	s := fountain.Parse(text)
	w := bufio.NewWriter(stdout)
	if *asJSON {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		err = enc.Encode(s)
	} else {
		writeParseListing(w, s)
	}
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		return fail(stderr, "parse", fmt.Errorf("write: %w", err))
	}
	return exitOK
}

// writeParseListing writes the title page as "Key: value" lines, then one
// element a line: its first source line, its type and its text, with the
// scene number, extension, dual mark (on the cue) or section depth after
// the text. The
// further lines of a multi-line text follow, indented under the first.
func writeParseListing(w io.Writer, s *fountain.Script) {
	for _, f := range s.TitlePage {
		fmt.Fprintf(w, "%s: %s\n", f.Key, strings.ReplaceAll(f.Value, "\n", " / "))
	}
	if len(s.TitlePage) > 0 {
		fmt.Fprintln(w)
	}
	for _, e := range s.Elements {
		lines := strings.Split(e.Text, "\n")
		lines[len(lines)-1] += parseListingExtras(e)
		fmt.Fprintf(w, "%5d  %-14s %s\n", e.Line, e.Type, lines[0])
		for _, l := range lines[1:] {
			fmt.Fprintf(w, "%5s  %-14s %s\n", "", "", l)
		}
	}
}

// parseListingExtras writes the fields an element has besides its text.
func parseListingExtras(e fountain.Element) string {
	var x []string
	if e.SceneNumber != "" {
		x = append(x, "#"+e.SceneNumber+"#")
	}
	if e.Extension != "" {
		x = append(x, "("+e.Extension+")")
	}
	if e.Dual && e.Type == fountain.Character {
		x = append(x, "^")
	}
	if e.Depth > 0 {
		x = append(x, fmt.Sprintf("[depth %d]", e.Depth))
	}
	if len(x) == 0 {
		return ""
	}
	return "  " + strings.Join(x, " ")
}
