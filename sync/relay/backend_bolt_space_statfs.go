//go:build linux || darwin

package relay

import (
	"path/filepath"
	"syscall"
)

// FreeBytes reports the space left to unprivileged writers on the disk
// holding the relay log.
func (b *BoltBackend) FreeBytes() (int64, bool) {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(b.db.Path()), &st); err != nil {
		return 0, false
	}
	return int64(st.Bavail) * int64(st.Bsize), true
}
