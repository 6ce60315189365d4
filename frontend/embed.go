// Package frontend embeds the built single-page app (frontend/dist) so that
// the Go binary serves it. `go build` works before the SPA is built: the
// server then shows a page that says how to build it.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built app's files, rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist/ is always embedded (it holds .keep at least)
	}
	return sub
}

// Built reports whether the app has been built (dist/index.html exists).
func Built() bool {
	_, err := fs.Stat(Dist(), "index.html")
	return err == nil
}
