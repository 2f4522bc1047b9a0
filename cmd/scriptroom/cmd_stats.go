package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/production"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

func init() {
	commands["stats"] = command{
		usage:   "stats FILE [--paper letter|a4] [--json] [--locked BASE]",
		summary: "pages, scenes, characters and running time, paginated as Final Draft; with --locked, the new, omitted and revised scenes and pages",
		run:     runStats,
	}
}

// statsJSON is what stats --json prints.
type statsJSON struct {
	File  string `json:"file"`
	Paper string `json:"paper"`
	screenplay.Report
}

// runStats paginates a screenplay and prints its report.
func runStats(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	paperName := fs.String("paper", "letter", "paper size: letter or a4")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	locked := fs.String("locked", "", "list what changed against this revision, locked for production")
	pos, err := parseArgs(fs, args, 1)
	if err == nil {
		err = oneOf("paper", *paperName, "letter", "a4")
	}
	if err != nil {
		return fail(stderr, "stats", err)
	}
	paper, _ := screenplay.PaperByName(*paperName)
	text, err := readText(pos[0], stderr)
	if err != nil {
		return fail(stderr, "stats", fmt.Errorf("reading the screenplay: %w", err))
	}
	if *locked != "" {
		lk, err := readLocked(*locked, production.Options{Paper: paper}, stderr)
		if err != nil {
			return fail(stderr, "stats", err)
		}
		d := lk.Draft(text)
		if *asJSON {
			enc := json.NewEncoder(stdout)
			enc.SetIndent("", "  ")
			err = enc.Encode(lockedJSON{File: pos[0], Locked: *locked, Paper: paper.Name, BasePages: d.BasePages, Scenes: d.Scenes, Pages: d.Pages})
		} else {
			err = statsWriteLocked(stdout, filepath.Base(pos[0]), filepath.Base(*locked), d)
		}
		if err != nil {
			return fail(stderr, "stats", fmt.Errorf("writing the report: %w", err))
		}
		return exitOK
	}
	s := fountain.Parse(text)
	doc := screenplay.Paginate(s, screenplay.Options{Paper: paper})
	rep := screenplay.Analyze(s, doc)
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(statsJSON{File: pos[0], Paper: paper.Name, Report: rep})
	} else {
		err = statsWriteText(stdout, filepath.Base(pos[0]), paper, rep)
	}
	if err != nil {
		return fail(stderr, "stats", fmt.Errorf("writing the report: %w", err))
	}
	return exitOK
}

// statsWriteText prints a report as a summary line and two tables.
func statsWriteText(w io.Writer, name string, paper screenplay.Paper, r screenplay.Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d %s (%s), %d %s, %d speaking %s, running time about %d %s\n",
		name, r.Pages, statsPlural(r.Pages, "page"), paper.Name, len(r.Scenes), statsPlural(len(r.Scenes), "scene"),
		len(r.Characters), statsPlural(len(r.Characters), "character"), r.Minutes, statsPlural(r.Minutes, "minute"))
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', tabwriter.AlignRight)
	if len(r.Scenes) > 0 {
		fmt.Fprintln(&b, "\nScenes")
		fmt.Fprintln(tw, "#\tpage\tlength\t\theading")
		for _, sc := range r.Scenes {
			num := sc.Number
			if num == "" {
				num = fmt.Sprint(sc.Index)
			}
			fmt.Fprintf(tw, "%s\t%d\t%s\t\t%s\n", num, sc.Page, screenplay.FormatEighths(sc.Eighths), sc.Heading)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	if len(r.Characters) > 0 {
		fmt.Fprintln(&b, "\nCharacters")
		fmt.Fprintln(tw, "speeches\tfirst page\t\tname")
		for _, c := range r.Characters {
			fmt.Fprintf(tw, "%d\t%d\t\t%s\n", c.Speeches, c.FirstPage, c.Name)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func statsPlural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}

// lockedJSON is what stats --locked --json prints.
type lockedJSON struct {
	File      string                `json:"file"`
	Locked    string                `json:"locked"`
	Paper     string                `json:"paper"`
	BasePages int                   `json:"basePages"`
	Scenes    []production.Scene    `json:"scenes"`
	Pages     []production.PageInfo `json:"pages"`
}

// statsWriteLocked prints what changed in a production draft: a summary
// line, then the new, omitted and revised scenes and pages.
func statsWriteLocked(w io.Writer, name, base string, d *production.Draft) error {
	scenes := map[production.SceneStatus][]production.Scene{}
	for _, sc := range d.Scenes {
		scenes[sc.Status] = append(scenes[sc.Status], sc)
	}
	pages := map[production.PageKind][]string{}
	var revised []string
	for _, p := range d.Pages {
		pages[p.Kind] = append(pages[p.Kind], p.Label)
		if p.Revised {
			revised = append(revised, p.Label)
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s against %s (locked, %d %s): %d %s (%d added, %d merged, %d revised), %d %s (%d new, %d omitted, %d revised)\n",
		name, base, d.BasePages, statsPlural(d.BasePages, "page"),
		len(d.Pages), statsPlural(len(d.Pages), "page"), len(pages[production.PageAdded]), len(pages[production.PageMerged]), len(revised),
		len(d.Scenes), statsPlural(len(d.Scenes), "scene"), len(scenes[production.SceneNew]), len(scenes[production.SceneOmitted]), len(scenes[production.SceneRevised]))
	tw := tabwriter.NewWriter(&b, 0, 8, 2, ' ', 0)
	for _, part := range []struct {
		title  string
		status production.SceneStatus
	}{{"New scenes", production.SceneNew}, {"Omitted scenes", production.SceneOmitted}, {"Revised scenes", production.SceneRevised}} {
		if len(scenes[part.status]) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n%s\n", part.title)
		for _, sc := range scenes[part.status] {
			fmt.Fprintf(tw, "  %s\t%s\n", sc.Number, sc.Heading)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, part := range []struct {
		title  string
		labels []string
	}{{"Added pages", pages[production.PageAdded]}, {"Merged pages", pages[production.PageMerged]}, {"Revised pages", revised}} {
		if len(part.labels) > 0 {
			fmt.Fprintf(&b, "\n%s\n  %s\n", part.title, strings.Join(part.labels, ", "))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
