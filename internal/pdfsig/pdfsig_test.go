package pdfsig_test

import (
	"bytes"
	"encoding/asn1"
	"encoding/hex"
	"regexp"
	"strings"
	"testing"

	"thidua/internal/pdfsig"
	"thidua/internal/pdfsig/pdfsigtest"
)

func TestVerify(t *testing.T) {
	root := pdfsigtest.NewCA(t, "Test Root CA (Ban Cơ yếu giả lập)")
	cert, key := root.Issue(t, "Nguyễn Văn An", "VKSND tỉnh Thanh Hóa")
	signed := pdfsigtest.Sign(t, pdfsigtest.OnePage("To trinh de nghi khen thuong 2026"), cert, key, root.Cert)
	v := pdfsig.Verifier{Roots: root.Pool()}

	t.Run("valid", func(t *testing.T) {
		r := v.Verify(signed)
		if !r.Valid() || len(r.Signatures) != 1 {
			t.Fatalf("want one valid signature, got %+v", r)
		}
		want := "Đã ký số bởi Nguyễn Văn An (VKSND tỉnh Thanh Hóa) lúc 10:30 ngày 20/11/2026."
		if got := r.Summary(); got != want {
			t.Errorf("summary\n got %q\nwant %q", got, want)
		}
		if s := r.Signatures[0]; !strings.Contains(s.Subject, "CN=Nguyễn Văn An") || !s.WholeFile || !s.Intact || !s.Trusted {
			t.Errorf("signature %+v", s)
		}
	})

	t.Run("tampered inside the signed bytes", func(t *testing.T) {
		bad := bytes.Replace(signed, []byte("de nghi khen thuong 2026"), []byte("de nghi khen thuong 2027"), 1)
		if bytes.Equal(bad, signed) {
			t.Fatal("text not found")
		}
		r := v.Verify(bad)
		if r.Valid() || len(r.Signatures) != 1 || r.Signatures[0].Intact {
			t.Fatalf("tampered file passes: %+v", r)
		}
		if got := r.Summary(); !strings.Contains(got, "nội dung đã ký bị thay đổi") || !strings.Contains(got, "Nguyễn Văn An") {
			t.Errorf("summary %q", got)
		}
	})

	t.Run("changed after signing", func(t *testing.T) {
		r := v.Verify(pdfsigtest.AppendUpdate(t, signed))
		if r.Valid() || len(r.Signatures) != 1 {
			t.Fatalf("updated file passes: %+v", r)
		}
		s := r.Signatures[0]
		if !s.Intact || s.WholeFile {
			t.Errorf("want intact signed bytes and a change after them, got %+v", s)
		}
		if got := r.Summary(); !strings.Contains(got, "đã bị sửa đổi sau khi ký") {
			t.Errorf("summary %q", got)
		}
	})

	t.Run("signer not under the trusted root", func(t *testing.T) {
		other := pdfsigtest.NewCA(t, "Another CA")
		r := pdfsig.Verifier{Roots: other.Pool()}.Verify(signed)
		if r.Valid() || r.Signatures[0].Trusted || !r.Signatures[0].Intact {
			t.Fatalf("untrusted signer passes: %+v", r)
		}
		if got := r.Summary(); !strings.Contains(got, "không do tổ chức chứng thực tin cậy cấp") {
			t.Errorf("summary %q", got)
		}
	})

	t.Run("no trust store configured", func(t *testing.T) {
		r := pdfsig.Verifier{}.Verify(signed)
		if r.Valid() || !strings.Contains(r.Summary(), "chưa cấu hình chứng thư gốc") {
			t.Errorf("summary %q", r.Summary())
		}
	})

	t.Run("self-signed signer", func(t *testing.T) {
		self := pdfsigtest.NewCA(t, "Tự ký")
		r := v.Verify(pdfsigtest.Sign(t, pdfsigtest.OnePage("x"), self.Cert, self.Key))
		if r.Valid() || r.Signatures[0].Trusted {
			t.Fatalf("self-signed passes: %+v", r)
		}
	})
}

func TestVerifyUnsignedAndBroken(t *testing.T) {
	v := pdfsig.Verifier{}
	if r := v.Verify(pdfsigtest.OnePage("khong ky")); r.Signed() || r.Summary() != "Tệp không có chữ ký số." {
		t.Errorf("unsigned: %+v %q", r, r.Summary())
	}
	for _, b := range [][]byte{[]byte("/ByteRange garbage"), []byte("%PDF-1.7\n1 0 obj << /ByteRange [0 1 2 3] /Contents <00> >> endobj\n")} {
		r := v.Verify(b)
		if r.Valid() || !r.Signed() || r.Problem == "" {
			t.Errorf("%q: %+v", b, r)
		}
	}
}

// A CMS blob whose last byte is 0x00 sits in the zero-padded /Contents hole
// like any other; it must not be cut with the padding. ECDSA signatures are
// random, so the test signs until it meets one (one in 256 on average).
func TestVerifySignatureEndingInZero(t *testing.T) {
	root := pdfsigtest.NewCA(t, "Test Root CA")
	cert, key := root.Issue(t, "Nguyễn Văn An", "VKSND tỉnh Thanh Hóa")
	in := pdfsigtest.OnePage("To trinh")
	hole := regexp.MustCompile(`/Contents\s*<([0-9a-fA-F]+)>`)
	for i := 0; i < 5000; i++ {
		signed := pdfsigtest.Sign(t, in, cert, key, root.Cert)
		m := hole.FindSubmatch(signed)
		if m == nil {
			t.Fatal("no /Contents hole")
		}
		raw, err := hex.DecodeString(string(m[1]))
		if err != nil {
			t.Fatal(err)
		}
		var der asn1.RawValue
		if _, err := asn1.Unmarshal(raw, &der); err != nil {
			t.Fatal(err)
		}
		if der.FullBytes[len(der.FullBytes)-1] != 0 {
			continue
		}
		if r := (pdfsig.Verifier{Roots: root.Pool()}).Verify(signed); !r.Valid() {
			t.Fatalf("signature ending in 0x00 after %d tries: %s", i+1, r.Summary())
		}
		return
	}
	t.Fatal("no signature ending in 0x00 in 5000 tries")
}
