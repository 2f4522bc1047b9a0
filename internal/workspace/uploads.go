package workspace

import (
	"strings"
	"sync"
	"time"

	"github.com/scriptroom/scriptroom/internal/textfile"
)

// A call from the page to Go must stay small (the dev server drops one over
// about 64 KB), so a whole text the editor sends (when its changes did not
// apply, or a file dropped on the window) comes in parts: the parts are
// held here, in order, until the call that uses the text takes them.

const (
	// uploadIdle is how long a text sent in parts waits for its next part
	// or its use before it is dropped: the page sends them back to back,
	// so only a page that went away leaves one this long.
	uploadIdle = 2 * time.Minute
	// maxUploads is how many texts can be in the middle of being sent at
	// once; beyond it the one idle longest is dropped (a page sends one
	// at a time per script).
	maxUploads = 16
)

// Uploads holds texts being sent in parts, by an id the page chooses.
type Uploads struct {
	now func() time.Time
	mu  sync.Mutex
	m   map[string]*upload
}

type upload struct {
	text    strings.Builder
	next    int
	touched time.Time
}

func newUploads(now func() time.Time) *Uploads {
	return &Uploads{now: now, m: map[string]*upload{}}
}

// Part adds part number index (from 0, in order) of the text sent under
// id. Part 0 starts the text afresh. A part out of order fails with
// ErrUploadPart and a text over textfile.MaxSize with ErrTextTooLarge;
// both drop what was received, so the page starts again from part 0.
func (u *Uploads) Part(id string, index int, part string) error {
	u.mu.Lock()
	defer u.mu.Unlock()
	now := u.now()
	u.expire(now)
	up := u.m[id]
	if index == 0 {
		if up == nil && len(u.m) >= maxUploads {
			u.dropOldest()
		}
		up = &upload{}
		u.m[id] = up
	}
	if up == nil {
		return ErrNoUpload
	}
	if index != up.next {
		delete(u.m, id)
		return ErrUploadPart
	}
	if up.text.Len()+len(part) > textfile.MaxSize {
		delete(u.m, id)
		return ErrTextTooLarge
	}
	up.text.WriteString(part)
	up.next++
	up.touched = now
	return nil
}

// Take removes the text sent under id and returns it when its sum is want;
// otherwise it fails with ErrNoUpload (unknown id) or ErrChangesMismatch
// (a part lost or changed on the way).
func (u *Uploads) Take(id string, want TextSum) (string, error) {
	u.mu.Lock()
	defer u.mu.Unlock()
	u.expire(u.now())
	up := u.m[id]
	if up == nil {
		return "", ErrNoUpload
	}
	delete(u.m, id)
	text := up.text.String()
	if SumOf(text) != want {
		return "", ErrChangesMismatch
	}
	return text, nil
}

func (u *Uploads) expire(now time.Time) {
	for id, up := range u.m {
		if now.Sub(up.touched) > uploadIdle {
			delete(u.m, id)
		}
	}
}

func (u *Uploads) dropOldest() {
	var oldest string
	var at time.Time
	for id, up := range u.m {
		if oldest == "" || up.touched.Before(at) {
			oldest, at = id, up.touched
		}
	}
	delete(u.m, oldest)
}
