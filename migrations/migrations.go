// Package migrations embeds the schema's SQL files so the binary carries
// them; goose applies them in version order.
package migrations

import "embed"

// FS holds the numbered goose SQL files.
//
//go:embed *.sql
var FS embed.FS
