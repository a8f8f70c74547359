package web

import (
	"html/template"
	"strings"
	"time"

	"thidua/internal/award"
)

// pageFuncs are the small helpers the cluster and pledge pages use.
var pageFuncs = template.FuncMap{
	"ptr": func(i int64) *int64 { return &i },
	"derefTime": func(t *time.Time) time.Time {
		if t == nil {
			return time.Time{}
		}
		return *t
	},
	"hasPrefix":        strings.HasPrefix,
	"collectiveTitles": func() []award.Title { return award.CollectiveTitles },
	"individualTitles": func() []award.Title { return award.IndividualTitles },
}
