package production

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/fountain"
	"github.com/scriptroom/scriptroom/internal/pdf"
	"github.com/scriptroom/scriptroom/internal/screenplay"
)

// BenchmarkExportLocked prints Big Fish (127 pages), edited, as a
// production draft of its locked self (diff, scene matching, two
// paginations, marks, the PDF), and the same text as a plain export with
// revision marks (pagination and the PDF), in turn. Goal: locked at most
// twice the plain export; it reports both times and their ratio.
func BenchmarkExportLocked(b *testing.B) {
	base, edited := bigFishEdit(b)
	set := RevisionSet{Color: "Blue", Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}
	var plain, locked time.Duration
	pages := 0
	for b.Loop() {
		t0 := time.Now()
		doc := screenplay.Paginate(fountain.Parse(edited), screenplay.Options{SceneNumbers: true})
		if _, err := pdf.Write(io.Discard, doc, pdf.Options{Marks: pdf.Marks{Lines: pdf.ChangedLines(base, edited)}, Color: "Blue"}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		d := Lock(base, edited, Options{})
		if _, err := Write(io.Discard, d, WriteOptions{Set: set}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		plain += t1.Sub(t0)
		locked += t2.Sub(t1)
		pages = len(d.Pages)
	}
	n := float64(b.N)
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(plain.Seconds()*1000/n, "plain-ms")
	b.ReportMetric(locked.Seconds()*1000/n, "locked-ms")
	b.ReportMetric(locked.Seconds()/plain.Seconds(), "locked/plain")
}

// BenchmarkExportLockedSets is BenchmarkExportLocked with two revision
// sets, as the app prints a script locked in the library: LockSets diffs
// the text against each set's start too, and prints each page with its
// set's header. Same goal: at most twice the plain export.
func BenchmarkExportLockedSets(b *testing.B) {
	base, edited := bigFishEdit(b)
	bl, el := strings.Split(base, "\n"), strings.Split(edited, "\n")
	halfway := strings.Join(append(append([]string{}, el[:len(el)/2]...), bl[len(bl)/2:]...), "\n")
	blue := RevisionSet{Name: "Blue", Color: "Blue", Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}
	pink := RevisionSet{Name: "Pink", Color: "Pink", Date: time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)}
	sets := []SetText{{blue, base}, {pink, halfway}}
	var plain, locked time.Duration
	pages := 0
	for b.Loop() {
		t0 := time.Now()
		doc := screenplay.Paginate(fountain.Parse(edited), screenplay.Options{SceneNumbers: true})
		if _, err := pdf.Write(io.Discard, doc, pdf.Options{Marks: pdf.Marks{Lines: pdf.ChangedLines(base, edited)}, Color: "Blue"}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		d := LockSets(base, edited, sets, nil, Options{})
		if _, err := Write(io.Discard, d, WriteOptions{Sets: []RevisionSet{blue, pink}}); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		plain += t1.Sub(t0)
		locked += t2.Sub(t1)
		pages = len(d.Pages)
	}
	n := float64(b.N)
	b.ReportMetric(float64(pages), "pages")
	b.ReportMetric(plain.Seconds()*1000/n, "plain-ms")
	b.ReportMetric(locked.Seconds()*1000/n, "locked-ms")
	b.ReportMetric(locked.Seconds()/plain.Seconds(), "locked/plain")
}

// BenchmarkLockedDraftSets is the editor's production pages on each
// autosave of Big Fish (about 127 pages) locked with a Blue and a Pink
// set: LockSets, which makes the locked revision ready each time, and
// DraftSets on a Locked made once (what the editor keeps between
// autosaves), in turn, so both see the same load. It reports both times.
func BenchmarkLockedDraftSets(b *testing.B) {
	base, edited := bigFishEdit(b)
	bl, el := strings.Split(base, "\n"), strings.Split(edited, "\n")
	halfway := strings.Join(append(append([]string{}, el[:len(el)/2]...), bl[len(bl)/2:]...), "\n")
	blue := RevisionSet{Name: "Blue", Color: "Blue", Date: time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)}
	pink := RevisionSet{Name: "Pink", Color: "Pink", Date: time.Date(2026, 12, 9, 0, 0, 0, 0, time.UTC)}
	sets := []SetText{{blue, base}, {pink, halfway}}
	lk := NewLocked(base, Options{})
	var fresh, kept time.Duration
	for b.Loop() {
		t0 := time.Now()
		LockSets(base, edited, sets, nil, Options{})
		t1 := time.Now()
		lk.DraftSets(edited, sets, nil)
		t2 := time.Now()
		fresh += t1.Sub(t0)
		kept += t2.Sub(t1)
	}
	n := float64(b.N)
	b.ReportMetric(fresh.Seconds()*1000/n, "fresh-ms")
	b.ReportMetric(kept.Seconds()*1000/n, "kept-ms")
	b.ReportMetric(kept.Seconds()/fresh.Seconds(), "kept/fresh")
}
