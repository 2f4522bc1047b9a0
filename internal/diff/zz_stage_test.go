package diff

import (
	"hash/maphash"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/scriptroom/scriptroom/internal/corpus"
	"github.com/scriptroom/scriptroom/internal/fountain"
)

func TestZZStages(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	m := editFraction(a, 0.05, 42)
	var tSplit, tDoc, tLine, tSum, tRows time.Duration
	for i := 0; i < 200; i++ {
		t0 := time.Now()
		la, lb := SplitLines(a), SplitLines(m)
		t1 := time.Now()
		da, db := newDocLines(a, la), newDocLines(m, lb)
		t2 := time.Now()
		e, _ := lineDiff(la, lb, false, time.Time{})
		t3 := time.Now()
		summarize(da, db)
		t4 := time.Now()
		rows(da, db, e, false, Options{}, time.Time{})
		t5 := time.Now()
		tSplit += t1.Sub(t0); tDoc += t2.Sub(t1); tLine += t3.Sub(t2); tSum += t4.Sub(t3); tRows += t5.Sub(t4)
	}
	t.Logf("split %v doc %v line %v sum %v rows %v", tSplit/200, tDoc/200, tLine/200, tSum/200, tRows/200)
}

func TestZZParse(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	var tp, th time.Duration
	la := SplitLines(a)
	for i := 0; i < 200; i++ {
		t0 := time.Now()
		fountain.Parse(a)
		t1 := time.Now()
		for _, l := range la {
			normHash(l)
		}
		th += time.Since(t1)
		tp += t1.Sub(t0)
	}
	t.Logf("parse %v hash %v", tp/200, th/200)
}

func BenchmarkZZHash(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	la := SplitLines(a)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, l := range la {
			normHash(l)
		}
	}
}

func TestZZHashEq(t *testing.T) {
	for _, s := range []string{"a  b", " a\tb \n", "é  x", "a b", "  x\u00a0 y  z "} {
		h, _ := normHash(s)
		if h != maphash.String(hashSeed, normalize(s)) {
			t.Fatalf("%q", s)
		}
	}
}

var sink int

func BenchmarkZZBytes(b *testing.B) {
	a := string(corpus.Read(b, "fountain", "samples", "big-fish.fountain"))
	la := SplitLines(a)
	for i := 0; i < b.N; i++ {
		for _, l := range la {
			for k := 0; k < len(l); k++ {
				if l[k] == ' ' {
					sink++
				}
			}
		}
	}
}

func TestZZNormal(t *testing.T) {
	for _, s := range []string{"abcdefgh  ijk", "abcdefg  hijk", "abcdefg hijk", "a b c d e f g h i j", "abcdefghijklmnop\tq", "abcdefghé", "x  y", "abcdefgh ijklmnop"} {
		if isNormal(s) && normalize(s) != s || !isNormal(s) && s == "abcdefg hijk" {
			t.Fatalf("%q", s)
		}
	}
}

func TestZZLarge(t *testing.T) {
	a := string(corpus.Read(t, "fountain", "samples", "big-fish.fountain"))
	var sb strings.Builder
	for sb.Len() < 5<<20 {
		sb.WriteString(a)
	}
	big := sb.String()
	m := editFraction(big, 0.02, 7)
	os.WriteFile("/tmp/h9/large_a.fountain", []byte(big), 0o644)
	os.WriteFile("/tmp/h9/large_b.fountain", []byte(m), 0o644)
	t0 := time.Now()
	u := Unified("a", "b", big, m, 3)
	t.Logf("unified %v hunks %d lines %d", time.Since(t0), strings.Count(u, "\n@@ -")+1, len(SplitLines(big)))
	t0 = time.Now()
	r := Compare(big, m, Options{})
	t.Logf("compare %v degraded %v changes %d", time.Since(t0), r.Degraded, len(r.Changes))
}
