package xlsx

// BadFile is one file of the corpus kept under testdata/bad: a file users
// really send in place of a workbook, and the exact refusal of each
// reader. The web tests upload the same files and check that nothing was
// written.
type BadFile struct {
	Name                string
	Self, Table, People string // the refusal of ReadSelf, ReadTable, ReadPeople
}

// BadFiles is the corpus. The files made by LibreOffice 7.4 from
// testdata/libreoffice/self.xlsx (soffice --headless --convert-to xls,
// ods, pdf, then renamed .xlsx) are kept as they are; the others are
// written by corpusFiles in corpus_test.go (go test ./internal/xlsx -run Corpus -update-corpus).
var BadFiles = []BadFile{
	{"empty.xlsx", MsgSelfEmpty, MsgFileEmpty, MsgPeopleEmpty},
	{"excel-97-2003.xlsx", MsgFileXLS, MsgFileXLS, MsgFileXLS},
	{"opendocument.xlsx", MsgFileODS, MsgFileODS, MsgFileODS},
	{"report-pdf.xlsx", MsgFilePDF, MsgFilePDF, MsgFilePDF},
	{"csv-renamed.xlsx", MsgFileText, MsgFileText, MsgFileText},
	{"web-page.xlsx", MsgFileHTML, MsgFileHTML, MsgFileHTML},
	{"word.xlsx", MsgFileWord, MsgFileWord, MsgFileWord},
	{"truncated.xlsx", MsgFileCorrupt, MsgFileCorrupt, MsgFileCorrupt},
	{"password.xlsx", MsgFileEncrypted, MsgFileEncrypted, MsgFileEncrypted},
	{"zip-bomb.xlsx", MsgSelfBomb, MsgFileBomb, MsgPeopleBomb},
	{"many-parts.xlsx", MsgSelfBomb, MsgFileBomb, MsgPeopleBomb},
	{"typed-by-hand.xlsx", MsgSelfNoMeta, MsgFileNoSheet, MsgPeopleNoSheet},
}
