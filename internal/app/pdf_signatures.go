package app

import (
	"io"

	"thidua/internal/pdfsig"
)

// MaxSignedPDF is the largest PDF whose signatures are checked: the whole
// file is read, since a signature's byte ranges span it.
const MaxSignedPDF = 50 << 20

// VerifyPDF checks the digital signatures of a PDF against the configured
// trusted roots (SIGNATURE_ROOTS): who signed, when, whether the signed
// bytes are intact and whether the document changed after signing. It is
// for the pages that show an uploaded PDF, which have authorised the
// reader on the record the file belongs to; it reads nothing else.
func (a *App) VerifyPDF(r io.Reader) pdfsig.Result {
	data, err := pdfsig.ReadAll(r, MaxSignedPDF)
	if err != nil {
		return pdfsig.Result{Problem: "Không kiểm tra được chữ ký số: " + err.Error() + "."}
	}
	return pdfsig.Verifier{Roots: a.SignatureRoots}.Verify(data)
}
