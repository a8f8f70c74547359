// Package xlsx writes the workbooks users download, with excelize's
// StreamWriter, and reads the ones they upload. It takes plain data, not
// app or store types, so it depends only on the domain packages.
//
// One file per document and direction: table_write.go and table_read.go
// (criteria table), selfassess_write.go and selfassess_read.go
// (self-assessment), people_write.go and people_read.go (personnel), with
// what each document's two directions share (sheets, columns, labels) in
// table.go, selfassess.go and people.go; the documents only written are
// pledge.go, ranking.go, filing.go, awardlist.go and submission.go.
//
// Written once: sheet.go (font, page setup, row heights, streamed rows,
// sheet names), style.go, heading.go (the national heading) and
// template.go (the import templates' workbook and guide) for the writers;
// upload.go (what a file must be before it is opened, cell text, problems)
// and read.go (the header, the rows, the formula guard, number formats)
// for the readers.
package xlsx
