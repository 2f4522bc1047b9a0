package store

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// A delta turns the lines of one text into those of the next with two
// operations: copy a run of the old lines, or insert new lines. Encoded as
//
//	'C' uvarint(first old line, 0-based) uvarint(count)
//	'I' uvarint(count) then count × (uvarint(length) bytes)
//
// Lines keep their "\n", so any text, with or without a final newline, CRLF
// or not, is rebuilt byte for byte. Deltas and snapshots are flate-compressed
// when that makes them smaller (see pack).

// deltaTimeout bounds the line diff; past it go-diff returns a correct but
// larger delta.
const deltaTimeout = 500 * time.Millisecond

// splitLines cuts text after every "\n"; the last line may lack one.
func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	lines := make([]string, 0, strings.Count(s, "\n")+1)
	for len(s) > 0 {
		i := strings.IndexByte(s, '\n')
		if i < 0 {
			lines = append(lines, s)
			break
		}
		lines = append(lines, s[:i+1])
		s = s[i+1:]
	}
	return lines
}

// lineRunes maps every distinct line of a and b to a rune, so go-diff can
// diff lines as characters. Surrogates are skipped; ok is false when there
// are more distinct lines than runes (over a million), and the caller stores
// a snapshot instead.
func lineRunes(a, b []string) (ra, rb []rune, ok bool) {
	ids := make(map[string]rune, len(a)+len(b))
	next := rune(1)
	conv := func(lines []string) []rune {
		out := make([]rune, len(lines))
		for i, l := range lines {
			r, seen := ids[l]
			if !seen {
				if next == 0xD800 {
					next = 0xE000
				}
				if next > 0x10FFFF {
					return nil
				}
				r = next
				next++
				ids[l] = r
			}
			out[i] = r
		}
		return out
	}
	ra, rb = conv(a), conv(b)
	if (ra == nil && len(a) > 0) || (rb == nil && len(b) > 0) {
		return nil, nil, false
	}
	return ra, rb, true
}

// makeDelta encodes how to turn base into target; ok is false when a delta
// cannot be made (see lineRunes).
func makeDelta(base, target []string) (delta []byte, ok bool) {
	ra, rb, ok := lineRunes(base, target)
	if !ok {
		return nil, false
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = deltaTimeout
	diffs := dmp.DiffMainRunes(ra, rb, false)
	var buf bytes.Buffer
	var tmp [binary.MaxVarintLen64]byte
	put := func(n int) { buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(n))]) }
	oldPos, newPos := 0, 0
	for _, d := range diffs {
		n := len([]rune(d.Text))
		switch d.Type {
		case diffmatchpatch.DiffEqual:
			buf.WriteByte('C')
			put(oldPos)
			put(n)
			oldPos += n
			newPos += n
		case diffmatchpatch.DiffDelete:
			oldPos += n
		case diffmatchpatch.DiffInsert:
			buf.WriteByte('I')
			put(n)
			for _, l := range target[newPos : newPos+n] {
				put(len(l))
				buf.WriteString(l)
			}
			newPos += n
		}
	}
	return buf.Bytes(), true
}

// applyDelta rebuilds the target lines from base and a delta, appending them
// to out[:0] (which must not share memory with base).
func applyDelta(out, base []string, delta []byte) ([]string, error) {
	out = out[:0]
	r := bytes.NewReader(delta)
	for {
		op, err := r.ReadByte()
		if err == io.EOF {
			return out, nil
		}
		switch op {
		case 'C':
			start, err1 := binary.ReadUvarint(r)
			n, err2 := binary.ReadUvarint(r)
			if err1 != nil || err2 != nil || start+n > uint64(len(base)) {
				return nil, fmt.Errorf("%w: bad copy in delta", ErrCorrupt)
			}
			out = append(out, base[start:start+n]...)
		case 'I':
			n, err := binary.ReadUvarint(r)
			if err != nil || n > uint64(len(delta)) {
				return nil, fmt.Errorf("%w: bad insert in delta", ErrCorrupt)
			}
			for ; n > 0; n-- {
				l, err := binary.ReadUvarint(r)
				if err != nil || l > uint64(r.Len()) {
					return nil, fmt.Errorf("%w: bad line in delta", ErrCorrupt)
				}
				at := len(delta) - r.Len()
				if _, err := r.Seek(int64(l), io.SeekCurrent); err != nil {
					return nil, fmt.Errorf("%w: short line in delta", ErrCorrupt)
				}
				out = append(out, string(delta[at:at+int(l)]))
			}
		default:
			return nil, fmt.Errorf("%w: unknown delta operation %q", ErrCorrupt, op)
		}
	}
}

// Packing: one byte says how the rest is stored.
const (
	packRaw   = 0
	packFlate = 1
)

// minPack is the size below which compression is not tried: a small delta
// gains a few bytes at most, and costs a decompressor on every read.
const minPack = 256

// pack stores b flate-compressed when that is smaller.
func pack(b []byte) []byte {
	if len(b) < minPack {
		return append([]byte{packRaw}, b...)
	}
	var buf bytes.Buffer
	buf.WriteByte(packFlate)
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(b)
	w.Close()
	if buf.Len() < len(b)+1 {
		return buf.Bytes()
	}
	return append([]byte{packRaw}, b...)
}

// unpack reverses pack.
func unpack(p []byte) ([]byte, error) {
	if len(p) == 0 {
		return nil, fmt.Errorf("%w: empty payload", ErrCorrupt)
	}
	switch p[0] {
	case packRaw:
		return p[1:], nil
	case packFlate:
		b, err := io.ReadAll(flate.NewReader(bytes.NewReader(p[1:])))
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
		}
		return b, nil
	}
	return nil, fmt.Errorf("%w: unknown packing %d", ErrCorrupt, p[0])
}
