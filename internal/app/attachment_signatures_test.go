package app_test

import (
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/dossier"
	"thidua/internal/pdfsig/pdfsigtest"
)

// A signed PDF uploaded to a dossier is checked once, as it is stored: the
// dossier shows who signed and when, and a file changed after signing or
// signed by someone outside the trusted roots is shown as such.
func TestSignedPDFIsCheckedOnUpload(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	root := pdfsigtest.NewCA(t, "Test Root CA")
	f.SignatureRoots = root.Pool()
	cert, key := root.Issue(t, "Nguyễn Văn An", "VKSND tỉnh Thanh Hóa")
	signed := pdfsigtest.Sign(t, pdfsigtest.OnePage("To trinh 2034"), cert, key, root.Cert)
	pr := draftOfThanhHoa(t, f, 2034)

	cases := []struct {
		name, file string
		data       []byte
		valid      bool
		says       string
	}{
		{"signed", "to-trinh.pdf", signed, true, "Đã ký số bởi Nguyễn Văn An"},
		{"changed after signing", "to-trinh-sua.pdf", pdfsigtest.AppendUpdate(t, signed), false, "sau khi ký"},
		{"outside the trusted roots", "tu-ky.pdf", func() []byte {
			other := pdfsigtest.NewCA(t, "Không tin cậy")
			c, k := other.Issue(t, "Lê Văn B", "Không rõ")
			return pdfsigtest.Sign(t, pdfsigtest.OnePage("x"), c, k, other.Cert)
		}(), false, "Lê Văn B"},
		{"unsigned", "bao-cao.pdf", pdfsigtest.OnePage("Bao cao"), false, ""},
	}
	for _, c := range cases {
		got, err := upload(f, f.officer, pr.ID, dossier.ToTrinh, c.file, 0, c.data)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if got.SignatureValid != c.valid || !strings.Contains(got.Signature, c.says) || (c.says == "") != (got.Signature == "") {
			t.Errorf("%s: signature %q valid %v; want valid %v and %q", c.name, got.Signature, got.SignatureValid, c.valid, c.says)
		}
	}
	// The dossier shows what was found, without reading the files again.
	d, err := f.Dossier(f.ctx, f.officer, app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: pr.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Files) != len(cases) || !d.Files[0].SignatureValid || !strings.HasPrefix(d.Files[0].Signature, "Đã ký số bởi") || d.Files[1].SignatureValid {
		t.Fatalf("dossier files: %+v", d.Files)
	}
}
