package pdfsig_test

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"

	"thidua/internal/pdfsig"
)

// A test CA and a signer certified by it, valid 2020–2040: the CMS
// signing-time attribute pdfsign writes is the machine's clock, which the
// certificate must cover.
type ca struct {
	cert *x509.Certificate
	key  *ecdsa.PrivateKey
}

func newCA(t *testing.T, name string) ca {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: name, Country: []string{"VN"}},
		NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return ca{cert, key}
}

func (c ca) pool() *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(c.cert)
	return p
}

func (c ca) issue(t *testing.T, cn, org string) (*x509.Certificate, crypto.Signer) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: cn, Organization: []string{org}, Country: []string{"VN"}},
		NotBefore: time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC), NotAfter: time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, c.cert, &key.PublicKey, c.key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	return cert, key
}

// onePage is a minimal valid PDF with one page showing text, its xref
// offsets computed as it is written.
func onePage(text string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	content := fmt.Sprintf("BT /F1 12 Tf 72 720 Td (%s) Tj ET", text)
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >>",
	}
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return b.Bytes()
}

var signedOn = time.Date(2026, 11, 20, 10, 30, 0, 0, time.FixedZone("ICT", 7*3600))

func signPDF(t *testing.T, in []byte, cert *x509.Certificate, key crypto.Signer, chain ...*x509.Certificate) []byte {
	t.Helper()
	rdr, err := pdf.NewReader(bytes.NewReader(in), int64(len(in)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(in), &out, rdr, int64(len(in)), sign.SignData{
		Signature: sign.SignDataSignature{
			Info:     sign.SignDataSignatureInfo{Name: cert.Subject.CommonName, Reason: "Phê duyệt", Date: signedOn},
			CertType: sign.ApprovalSignature, DocMDPPerm: sign.AllowFillingExistingFormFieldsAndSignaturesPerms,
		},
		Signer: key, DigestAlgorithm: crypto.SHA256, Certificate: cert,
		CertificateChains: [][]*x509.Certificate{append([]*x509.Certificate{cert}, chain...)},
	})
	if err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// appendUpdate adds an incremental update (a new Info dictionary) after
// the signed bytes, as an editor saving the signed file does.
func appendUpdate(t *testing.T, signed []byte) []byte {
	t.Helper()
	m := regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`).FindSubmatch(signed)
	if m == nil {
		t.Fatal("no startxref")
	}
	prev, _ := strconv.Atoi(string(m[1]))
	rdr, err := pdf.NewReader(bytes.NewReader(signed), int64(len(signed)))
	if err != nil {
		t.Fatal(err)
	}
	size := int(rdr.Trailer().Key("Size").Int64())
	var b bytes.Buffer
	b.Write(signed)
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Title (Sua sau khi ky) >>\nendobj\n", size)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root 1 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n",
		size, off, size+1, size, prev, xref)
	return b.Bytes()
}

func TestVerify(t *testing.T) {
	root := newCA(t, "Test Root CA (Ban Cơ yếu giả lập)")
	cert, key := root.issue(t, "Nguyễn Văn An", "VKSND tỉnh Thanh Hóa")
	signed := signPDF(t, onePage("To trinh de nghi khen thuong 2026"), cert, key, root.cert)
	v := pdfsig.Verifier{Roots: root.pool()}

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
		r := v.Verify(appendUpdate(t, signed))
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
		other := newCA(t, "Another CA")
		r := pdfsig.Verifier{Roots: other.pool()}.Verify(signed)
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
		self := newCA(t, "Tự ký")
		r := v.Verify(signPDF(t, onePage("x"), self.cert, self.key))
		if r.Valid() || r.Signatures[0].Trusted {
			t.Fatalf("self-signed passes: %+v", r)
		}
	})
}

func TestVerifyUnsignedAndBroken(t *testing.T) {
	v := pdfsig.Verifier{}
	if r := v.Verify(onePage("khong ky")); r.Signed() || r.Summary() != "Tệp không có chữ ký số." {
		t.Errorf("unsigned: %+v %q", r, r.Summary())
	}
	for _, b := range [][]byte{[]byte("/ByteRange garbage"), []byte("%PDF-1.7\n1 0 obj << /ByteRange [0 1 2 3] /Contents <00> >> endobj\n")} {
		r := v.Verify(b)
		if r.Valid() || !r.Signed() || r.Problem == "" {
			t.Errorf("%q: %+v", b, r)
		}
	}
}
