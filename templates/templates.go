// Package templates embeds the HTML templates: layout.html and partials/
// are shared, each file in pages/ is one page.
package templates

import "embed"

// FS holds every template file.
//
//go:embed layout.html partials/*.html pages/*.html
var FS embed.FS
