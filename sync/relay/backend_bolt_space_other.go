//go:build !linux && !darwin

package relay

// FreeBytes is unknown on this system: the relay does not guard its disk.
func (b *BoltBackend) FreeBytes() (int64, bool) { return 0, false }
