//go:build unix

package database

import (
	"fmt"
	"os"
	"syscall"
)

// lockFile takes a non-blocking advisory lock (flock) on path, creating
// the file if needed: shared while a process uses a SQLite database,
// exclusive while it is restored. flock and SQLite's own (POSIX) locks do
// not interfere. The lock lasts until the file is closed or the process
// ends.
func lockFile(path string, exclusive bool) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	how := syscall.LOCK_SH
	if exclusive {
		how = syscall.LOCK_EX
	}
	if err := syscall.Flock(int(f.Fd()), how|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}
