package store

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"fmt"
	"io"
	"time"

	"github.com/scriptroom/scriptroom/internal/diff"
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

// deltaTimeout bounds the line diff; past it internal/diff returns a correct
// but larger edit script.
const deltaTimeout = 500 * time.Millisecond

// splitLines cuts text after every "\n"; the last line may lack one. It is
// internal/diff's, the one line splitter.
func splitLines(s string) []string { return diff.SplitLines(s) }

// makeDelta encodes how to turn base into target from internal/diff's line
// edit script (exact at any size: past the rune alphabet or the timeout it is
// only coarser). ok is always true today; callers still store a snapshot
// when it is false.
func makeDelta(base, target []string) (delta []byte, ok bool) {
	edits := diff.EditScript(base, target, deltaTimeout)
	var buf bytes.Buffer
	var tmp [binary.MaxVarintLen64]byte
	put := func(n int) { buf.Write(tmp[:binary.PutUvarint(tmp[:], uint64(n))]) }
	for _, e := range edits {
		switch e.Kind {
		case diff.EditEqual:
			buf.WriteByte('C')
			put(e.LeftStart)
			put(e.LeftEnd - e.LeftStart)
		case diff.EditInsert:
			buf.WriteByte('I')
			put(e.RightEnd - e.RightStart)
			for _, l := range target[e.RightStart:e.RightEnd] {
				put(len(l))
				buf.WriteString(l)
			}
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
