package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
)

// RevisionID is the SHA-256 of a revision's canonical encoding, in lowercase hex.
type RevisionID string

// Validate reports whether the id is 64 lowercase hex digits.
func (r RevisionID) Validate() error {
	if !isLowerHex(string(r), HashIDLength) {
		return fmt.Errorf("%w: %.70q", ErrBadRevisionID, string(r))
	}
	return nil
}

// Short is the first 10 hex digits, for display.
func (r RevisionID) Short() string {
	if len(r) < 10 {
		return string(r)
	}
	return string(r[:10])
}

// Revision is one saved version of a script: the full Fountain text, its
// parents (none for the first, two for a merge), its author, time and message.
// Revisions never change once made.
type Revision struct {
	ID          RevisionID   `json:"id"`
	Parents     []RevisionID `json:"parents"`
	Author      UserID       `json:"author"`
	AuthorName  string       `json:"authorName"`
	Time        time.Time    `json:"time"`
	Message     string       `json:"message"`
	ContentHash string       `json:"contentHash"`
	Text        string       `json:"text"`
	Signature   []byte       `json:"signature"`
}

// ContentHash returns the hex SHA-256 of a revision's text.
func ContentHash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return hex.EncodeToString(sum[:])
}

// NewRevision makes and signs a revision of text by author. The time is
// truncated to milliseconds so that it survives every encoding unchanged.
func NewRevision(author *Identity, parents []RevisionID, text, message string, at time.Time) (*Revision, error) {
	if len(parents) > 2 {
		return nil, ErrTooManyParents
	}
	for _, p := range parents {
		if err := p.Validate(); err != nil {
			return nil, fmt.Errorf("parent: %w", err)
		}
	}
	r := &Revision{
		Parents:     append([]RevisionID(nil), parents...),
		Author:      author.ID(),
		AuthorName:  author.Name,
		Time:        at.UTC().Truncate(time.Millisecond),
		Message:     message,
		ContentHash: ContentHash(text),
		Text:        text,
	}
	r.ID = r.ComputeID()
	r.Signature = author.Sign([]byte(r.ID))
	return r, nil
}

// CanonicalEncoding is the byte string a revision's id is the hash of. Every
// variable-length field is length-prefixed, so no two different revisions
// share an encoding. The author's display name and the signature are not part
// of it: the name may change, and the signature is made over the id.
func (r *Revision) CanonicalEncoding() []byte {
	var b bytes.Buffer
	b.WriteString("scriptroom-revision-v1\n")
	b.WriteString("parents " + strconv.Itoa(len(r.Parents)) + "\n")
	for _, p := range r.Parents {
		writeField(&b, "parent", string(p))
	}
	writeField(&b, "author", string(r.Author))
	b.WriteString("time " + strconv.FormatInt(r.Time.UnixMilli(), 10) + "\n")
	writeField(&b, "message", r.Message)
	writeField(&b, "content", r.ContentHash)
	return b.Bytes()
}

func writeField(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteByte(' ')
	b.WriteString(strconv.Itoa(len(value)))
	b.WriteByte(':')
	b.WriteString(value)
	b.WriteByte('\n')
}

// ComputeID hashes the canonical encoding.
func (r *Revision) ComputeID() RevisionID {
	sum := sha256.Sum256(r.CanonicalEncoding())
	return RevisionID(hex.EncodeToString(sum[:]))
}

// Verify checks everything a receiver can check: the text matches the content
// hash, the id matches the canonical encoding, and the author signed the id.
func (r *Revision) Verify() error {
	if ContentHash(r.Text) != r.ContentHash {
		return fmt.Errorf("revision %s: %w", r.ID.Short(), ErrContentMismatch)
	}
	return r.verifySigned()
}

// verifySigned is Verify without the text: the id matches the canonical
// encoding (which holds the content hash, not the text), and the author
// signed the id. A revision shared as a delta is checked so on receipt,
// and its text against the content hash once rebuilt.
func (r *Revision) verifySigned() error {
	if len(r.Parents) > 2 {
		return ErrTooManyParents
	}
	if r.ComputeID() != r.ID {
		return fmt.Errorf("revision %s: %w", r.ID.Short(), ErrIDMismatch)
	}
	if err := Verify(r.Author, []byte(r.ID), r.Signature); err != nil {
		return fmt.Errorf("revision %s by %s: %w", r.ID.Short(), r.Author.Short(), err)
	}
	return nil
}
