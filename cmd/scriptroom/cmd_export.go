package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/scriptroom/scriptroom/internal/atomicfile"
	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

func init() {
	commands["export"] = command{
		usage:   "export IN(.fountain|.fdx) OUT.pdf [--base OLD.fountain] [--color blue] [--paper letter|a4] [--scene-numbers] [--header TEXT]",
		summary: "print a screenplay as a PDF, with revision marks against --base",
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
	pos, err := parseArgs(fs, args, 2)
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
