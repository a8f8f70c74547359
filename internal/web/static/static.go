// Package static embeds the front-end assets. vendor/ is copied from the
// npm packages pinned in package.json by `make assets`; nothing is loaded
// from the internet at run time.
package static

import "embed"

// FS holds app.css, app.js and vendor/.
//
//go:embed app.css app.js favicon.svg vendor/*
var FS embed.FS
