//go:build !unix

package database

import "os"

// lockFile does nothing where flock is not available: restore cannot
// tell whether a server uses the database, so stop it first.
func lockFile(path string, exclusive bool) (*os.File, error) { return nil, nil }
