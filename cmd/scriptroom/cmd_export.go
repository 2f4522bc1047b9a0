package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/production"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

func init() {
	commands["export"] = command{
		usage:   "export IN(.fountain|.fdx) OUT.pdf [--base OLD.fountain] [--color blue] [--paper letter|a4] [--scene-numbers] [--header TEXT] [--locked BASE [--set COLOUR] [--date YYYY-MM-DD] [--revised-pages-only]]; export IN OUT.fdx --locked BASE [--set COLOUR]",
		summary: "print a screenplay as a PDF, with revision marks against --base, or as a production draft of --locked (PDF, or Final Draft with its revisions when OUT ends in .fdx)",
		run:     runExport,
	}
}

// runExport paginates IN and prints it to OUT. The PDF is written to a
// temporary file beside OUT and renamed over it only when complete, so a
// failure never leaves half a PDF (nor touches an older OUT).
func runExport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	base := fs.String("base", "", "mark the lines changed since this older version")
	color := fs.String("color", "", "revision colour printed in the header: "+strings.Join(pdf.RevisionColors(), ", "))
	paper := fs.String("paper", "letter", "paper size: letter or a4")
	numbers := fs.Bool("scene-numbers", false, "number the scenes that have no number")
	header := fs.String("header", "", "text printed at the top left of every page")
	locked := fs.String("locked", "", "print a production draft: this revision's page and scene numbers locked, changes since it marked")
	set := fs.String("set", "", "with --locked: the revision set's colour (default Blue): "+strings.Join(pdf.RevisionColors(), ", "))
	date := fs.String("date", "", "with --locked: the revision set's date, YYYY-MM-DD (default today)")
	revisedOnly := fs.Bool("revised-pages-only", false, "with --locked: print a cover page and the revised pages only")
	pos, err := parseArgs(fs, args, 2)
	if err != nil {
		return fail(stderr, "export", err)
	}
	lock, err := exportLockFlags(fs, *locked, *set, *date, *revisedOnly)
	if err != nil {
		return fail(stderr, "export", err)
	}
	opts := pdf.Options{HeaderText: *header}
	if *color != "" {
		c, ok := pdf.ColorName(pdf.RevisionColors(), *color)
		if !ok {
			return fail(stderr, "export", usageError("--color must be one of %s, not %q", strings.Join(pdf.RevisionColors(), ", "), *color))
		}
		opts.Color = c
	}
	if err := oneOf("paper", strings.ToLower(*paper), "letter", "a4"); err != nil {
		return fail(stderr, "export", err)
	}
	pp, _ := screenplay.PaperByName(strings.ToLower(*paper))
	in, out := pos[0], pos[1]
	toFDX := strings.EqualFold(filepath.Ext(out), ".fdx")
	if toFDX && lock == nil {
		return fail(stderr, "export", usageError("%s: export writes Final Draft only for a production draft (--locked BASE); use \"scriptroom convert\" for a plain .fdx", out))
	}
	if toFDX && lock.revisedOnly {
		return fail(stderr, "export", usageError("--revised-pages-only prints revised pages to a PDF; a Final Draft file always holds the whole script"))
	}
	f, err := readScript(in, stderr)
	if err != nil {
		return fail(stderr, "export", err)
	}
	text := f.Text
	if *base != "" {
		old, err := readText(*base, stderr)
		if err != nil {
			return fail(stderr, "export", fmt.Errorf("base version: %w", err))
		}
		opts.Marks = pdf.Marks{Lines: pdf.ChangedLines(old, text)}
	}
	// A Final Draft file prints with its own page layout and element
	// settings; --paper, when given, still chooses the paper.
	popts := fdxOptions(f.Layout)
	if popts.Paper.Width == 0 || flagSet(fs, "paper") {
		popts.Paper = pp
	}
	if lock != nil && toFDX {
		if err := exportLockedFDX(text, out, production.Options{Paper: popts.Paper, Style: popts.Style}, lock, stderr); err != nil {
			return fail(stderr, "export", err)
		}
		if flagSet(fs, "date") {
			fmt.Fprintf(stderr, "%s: warning: Final Draft files hold no revision date; --date is not in the file\n", out)
		}
		return exitOK
	}
	if lock != nil {
		warnings, err := exportLocked(text, out, production.Options{Paper: popts.Paper, Style: popts.Style}, lock, stderr)
		if err != nil {
			return fail(stderr, "export", err)
		}
		for _, w := range warnings {
			fmt.Fprintf(stderr, "%s: warning: %s\n", out, w)
		}
		return exitOK
	}
	popts.SceneNumbers = *numbers
	doc := screenplay.Paginate(fountain.Parse(text), popts)
	warnings, err := exportWrite(out, doc, opts)
	if err != nil {
		return fail(stderr, "export", err)
	}
	for _, w := range warnings {
		fmt.Fprintf(stderr, "%s: warning: %s\n", out, w)
	}
	return exitOK
}

// flagSet reports whether the command line gave the flag called name.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}

// exportWrite prints doc and writes it to path atomically (see
// atomicfile), and returns what the PDF could not show as written.
func exportWrite(path string, doc *screenplay.Document, opts pdf.Options) ([]string, error) {
	var buf bytes.Buffer
	rep, err := pdf.Write(&buf, doc, opts)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return rep.Warnings(), atomicfile.Write(path, buf.Bytes())
}

// exportLock is what the --locked flags ask for.
type exportLock struct {
	base        string // the locked revision's file
	set         production.RevisionSet
	revisedOnly bool
}

// exportLockFlags checks the production-draft flags: --set, --date and
// --revised-pages-only need --locked, which prints its own marks and so
// takes neither --base, --color nor --scene-numbers.
func exportLockFlags(fs *flag.FlagSet, locked, set, date string, revisedOnly bool) (*exportLock, error) {
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if locked == "" {
		for _, f := range []string{"set", "date", "revised-pages-only"} {
			if given[f] {
				return nil, usageError("--%s needs --locked BASE (the revision locked for production)", f)
			}
		}
		return nil, nil
	}
	for _, f := range []string{"base", "color", "scene-numbers"} {
		if given[f] {
			return nil, usageError("--%s cannot be used with --locked: a production draft marks its changes against BASE and numbers its scenes as BASE does", f)
		}
	}
	day := time.Now()
	if given["date"] {
		d, err := production.ParseDate(date)
		if err != nil {
			return nil, usageError("--date: %v", err)
		}
		day = d
	}
	rs, err := production.NewSet(set, day)
	if err != nil {
		return nil, usageError("--set: %v", err)
	}
	return &exportLock{base: locked, set: rs, revisedOnly: revisedOnly}, nil
}

// exportLocked prints text as a production draft of the locked revision
// (readLocked: a Final Draft BASE keeps its locked pages), and returns what the PDF could not show as written.
func exportLocked(text, out string, opts production.Options, lock *exportLock, stderr io.Writer) ([]string, error) {
	lk, err := readLocked(lock.base, opts, stderr)
	if err != nil {
		return nil, err
	}
	d := lk.Draft(text)
	var buf bytes.Buffer
	rep, err := production.Write(&buf, d, production.WriteOptions{Set: lock.set, RevisedOnly: lock.revisedOnly})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", out, err)
	}
	return rep.Warnings(), atomicfile.Write(out, buf.Bytes())
}

// exportLockedFDX writes text as a Final Draft production draft of the
// locked revision (readLocked): its scene numbers, revision marks, sets and locked
// pages in Final Draft's own elements.
func exportLockedFDX(text, out string, opts production.Options, lock *exportLock, stderr io.Writer) error {
	lk, err := readLocked(lock.base, opts, stderr)
	if err != nil {
		return err
	}
	d := lk.Draft(text)
	var buf bytes.Buffer
	if err := production.WriteFDX(&buf, d, lock.set); err != nil {
		return fmt.Errorf("%s: %w", out, err)
	}
	return atomicfile.Write(out, buf.Bytes())
}
