package app_test

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"io"
	"strconv"
	"strings"
	"testing"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dossier"
	"thidua/internal/dossier/sample"
	"thidua/internal/errs"
	"thidua/internal/limits"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/xlsx"
)

// completeDossier uploads what a proposal's dossier lacks, so it can be sent up.
func completeDossier(t *testing.T, f *fixture, by auth.Principal, id int64) {
	t.Helper()
	if err := seed.CompleteDossier(f.ctx, f.App, by, id); err != nil {
		t.Fatal(err)
	}
}

// draftOfThanhHoa is a draft proposal of Thanh Hóa for itself in year.
func draftOfThanhHoa(t *testing.T, f *fixture, year int) proposal.Proposal {
	t.Helper()
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	pr, err := f.CreateProposal(f.ctx, f.officer, app.ProposalInput{Year: year, ProposerUnitID: th.ID, Title: string(award.TapTheLaoDongTienTien)})
	if err != nil {
		t.Fatal(err)
	}
	return pr
}

func upload(f *fixture, by auth.Principal, id int64, part dossier.Part, name string, docNo int, data []byte) (dossier.File, error) {
	return f.UploadAttachment(f.ctx, by, app.AttachmentUpload{AttachmentTarget: app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: id},
		Part: part, Name: name, DocNo: docNo}, bytes.NewReader(data))
}

// stored counts the rows of the attachment tables.
func stored(t *testing.T, f *fixture) (files, chunks int64) {
	t.Helper()
	if err := f.Store.SQL().QueryRow("SELECT (SELECT count(*) FROM attachments), (SELECT count(*) FROM attachment_chunks)").Scan(&files, &chunks); err != nil {
		t.Fatal(err)
	}
	return files, chunks
}

func download(t *testing.T, f *fixture, by auth.Principal, id int64) []byte {
	t.Helper()
	a, err := f.OpenAttachment(f.ctx, by, id)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := a.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestAttachmentsKeepEveryVersionUnderTheRecordsRights(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pr := draftOfThanhHoa(t, f, 2034)
	big := sample.PDF("To trinh", 3*store256k+123) // several chunks, the last one short
	v1, err := upload(f, f.officer, pr.ID, dossier.ToTrinh, `C:\Users\cb\Tờ trình.pdf`, 0, big)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(big)
	if v1.Version != 1 || v1.DocNo != 1 || v1.Kind != dossier.PDF || v1.Size != int64(len(big)) || !bytes.Equal(v1.SHA256, sum[:]) || v1.Name != "Tờ trình.pdf" {
		t.Fatalf("first upload: %+v", v1)
	}
	// A new upload of the same document is a new version; the first stays.
	v2, err := upload(f, f.officer, pr.ID, "", "Tờ trình (ký).docx", v1.DocNo, sample.DOCX("Tờ trình đã ký"))
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 2 || v2.DocNo != 1 || v2.Part != dossier.ToTrinh || v2.Kind != dossier.DOCX {
		t.Fatalf("second version: %+v", v2)
	}
	if got := download(t, f, f.board, v1.ID); !bytes.Equal(got, big) {
		t.Fatalf("version 1 read back: %d bytes, want %d", len(got), len(big))
	}
	d, err := f.Dossier(f.ctx, f.officer, app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: pr.ID})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Files) != 1 || d.Files[0].ID != v2.ID || len(d.History) != 2 || !d.CanUpload || !d.Listed || len(d.Missing) != 2 {
		t.Fatalf("dossier: files %+v history %d missing %+v", d.Files, len(d.History), d.Missing)
	}

	// The rights of the proposal: another unit neither reads nor adds; the
	// viewer and the board read a draft but do not add to it.
	_, err = f.OpenAttachment(f.ctx, f.other, v1.ID)
	wantCode(t, err, errs.Forbidden)
	_, err = upload(f, f.other, pr.ID, dossier.BaoCao, "bc.pdf", 0, sample.PDF("x", 0))
	wantCode(t, err, errs.Forbidden)
	for _, p := range []auth.Principal{f.viewer, f.board} {
		if _, err := f.OpenAttachment(f.ctx, p, v1.ID); err != nil {
			t.Errorf("%s reads: %v", p.Username, err)
		}
		_, err = upload(f, p, pr.ID, dossier.BaoCao, "bc.pdf", 0, sample.PDF("x", 0))
		wantCode(t, err, errs.Forbidden)
	}
	// A part the record does not hold, and a decision's part on a proposal.
	_, err = upload(f, f.officer, pr.ID, dossier.QuyetDinh, "qd.pdf", 0, sample.PDF("x", 0))
	wantField(t, err, "part")

	// Sent up, the dossier is closed to new files.
	completeDossier(t, f, f.officer, pr.ID)
	if _, err := f.SubmitProposal(f.ctx, f.officer, pr.ID, pr.Version); err != nil {
		t.Fatal(err)
	}
	_, err = upload(f, f.officer, pr.ID, dossier.MinhChung, "anh.png", 0, sample.PNG())
	if err == nil {
		t.Fatal("a file added to a proposal already sent up")
	}
	// Every upload is in the change history, with its hash.
	hist, err := f.Store.History(f.ctx, "attachment", v1.ID)
	if err != nil || len(hist) != 1 || !strings.Contains(hist[0].Reason, dossier.Hex(sum[:])) {
		t.Fatalf("audit of the upload: %+v %v", hist, err)
	}
}

// store256k is store.ChunkSize, spelled here to keep the test's arithmetic plain.
const store256k = 256 << 10

func TestBadFilesAreRefusedWithNothingWritten(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pr := draftOfThanhHoa(t, f, 2035)
	files0, chunks0 := stored(t, f)
	cases := []struct {
		name string
		data []byte
		msg  string
	}{
		{"Tờ trình.pdf", sample.Program(), "chương trình Windows"},
		{"Tờ trình.pdf", sample.PDFWithScript("/JavaScript"), "JavaScript"},
		{"Tờ trình.pdf", sample.PDFWithScript("/J#61vaScript"), "JavaScript"},
		{"Báo cáo.docx", sample.DOCXBomb(60 << 20), "zip bomb"},
		{"Báo cáo.docx", sample.DOCXLying(8 << 20), "zip bomb"},
		{"Báo cáo.docx", sample.DOCXMacro(), "macro"},
		{"Tờ trình.pdf", sample.PDF("qua lon", limits.MaxAttachmentBytes), "20 MB"},
		{"Tờ trình.pdf", nil, "rỗng"},
		{"Ảnh.jpg", []byte("<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"), "Không nhận dạng được"},
	}
	for _, c := range cases {
		_, err := upload(f, f.officer, pr.ID, dossier.ToTrinh, c.name, 0, c.data)
		e, ok := errs.As(err)
		if !ok || e.Code != errs.Invalid || !strings.Contains(e.Fields["file"], c.msg) {
			t.Errorf("%s (%q): %v; want refused saying %q", c.name, c.msg, err, c.msg)
		}
		if files, chunks := stored(t, f); files != files0 || chunks != chunks0 {
			t.Fatalf("%s: %d files, %d chunks stored after a refusal (before %d, %d)", c.msg, files, chunks, files0, chunks0)
		}
	}
}

func TestBundleOutAndIn(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	pr := draftOfThanhHoa(t, f, 2036)
	completeDossier(t, f, f.officer, pr.ID)
	if _, err := upload(f, f.officer, pr.ID, dossier.MinhChung, "Ảnh hội nghị.png", 0, sample.PNG()); err != nil {
		t.Fatal(err)
	}
	if _, err := upload(f, f.officer, pr.ID, dossier.MinhChung, "Báo cáo chuyên đề.docx", 0, sample.DOCX("Chuyên đề")); err != nil {
		t.Fatal(err)
	}
	target := app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: pr.ID}
	b, err := f.DossierBundle(f.ctx, f.board, target)
	if err != nil {
		t.Fatal(err)
	}
	var zipped bytes.Buffer
	if err := b.WriteTo(&zipped); err != nil {
		t.Fatal(err)
	}
	entries := checkBundle(t, zipped.Bytes(), 5)
	if entries[0].Path != "01_to_trinh_v1_to-trinh-de-nghi-khen-thuong-de-nghi-"+itoa(pr.ID)+".pdf" || entries[4].Path != "05_minh_chung_v1_bao-cao-chuyen-de.docx" {
		t.Errorf("bundle paths: %q … %q", entries[0].Path, entries[4].Path)
	}
	if _, err := f.DossierBundle(f.ctx, f.other, target); errs.CodeOf(err) != errs.Forbidden {
		t.Errorf("another unit's officer gets the bundle of a draft: %v", err)
	}

	// The receiving side imports it into a record it keeps: every hash is checked.
	into := draftOfThanhHoa(t, f, 2037)
	intoT := app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: into.ID}
	got, err := f.ImportBundle(f.ctx, f.officer, intoT, bytes.NewReader(zipped.Bytes()), int64(zipped.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 5 || dossier.Hex(got[3].SHA256) != entries[3].SHA256 || got[3].Part != dossier.MinhChung {
		t.Fatalf("imported: %+v", got)
	}

	// A bundle whose file was changed after its index was written: refused, nothing written.
	files0, chunks0 := stored(t, f)
	tampered := rezip(t, zipped.Bytes(), entries[1].Path, func(b []byte) []byte { return bytes.Replace(b, []byte("du lieu mau"), []byte("du lieu MAU"), 1) })
	other := draftOfThanhHoa(t, f, 2038)
	_, err = f.ImportBundle(f.ctx, f.officer, app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: other.ID}, bytes.NewReader(tampered), int64(len(tampered)))
	if e, ok := errs.As(err); !ok || !strings.Contains(e.Fields["file"], entries[1].Path) || !strings.Contains(e.Fields["file"], "SHA-256") {
		t.Fatalf("tampered bundle: %v", err)
	}
	// A file slipped in that the index does not list.
	extra := rezip(t, zipped.Bytes(), "", nil)
	_, err = f.ImportBundle(f.ctx, f.officer, app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: other.ID}, bytes.NewReader(extra), int64(len(extra)))
	if e, ok := errs.As(err); !ok || !strings.Contains(e.Fields["file"], "không có trong danh mục") {
		t.Fatalf("bundle with an unlisted file: %v", err)
	}
	if files, chunks := stored(t, f); files != files0 || chunks != chunks0 {
		t.Fatalf("a refused bundle wrote %d files, %d chunks", files-files0, chunks-chunks0)
	}

	// A decision's bundle: its own files, then each approved proposal's in a folder.
	if _, err := f.SubmitProposal(f.ctx, f.officer, pr.ID, pr.Version); err != nil {
		t.Fatal(err)
	}
	sent, err := f.Proposal(f.ctx, f.board, pr.ID)
	if err != nil {
		t.Fatal(err)
	}
	dec, err := f.Decide(f.ctx, f.board, app.DecisionInput{Year: 2036, Number: "99/QĐ-VKSTC", DecidedOn: dayp("2036-12-20"), Signer: "Viện trưởng",
		Items: []app.DecisionItem{{ProposalID: pr.ID, Version: sent.Version, OverrideReason: "Hội đồng xét đủ điều kiện"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.UploadAttachment(f.ctx, f.board, app.AttachmentUpload{AttachmentTarget: app.AttachmentTarget{Owner: dossier.OfDecision, OwnerID: dec.ID},
		Part: dossier.QuyetDinh, Name: "QĐ 99.pdf"}, bytes.NewReader(sample.PDF("Quyet dinh", 0))); err != nil {
		t.Fatal(err)
	}
	db, err := f.DossierBundle(f.ctx, f.viewer, app.AttachmentTarget{Owner: dossier.OfDecision, OwnerID: dec.ID})
	if err != nil {
		t.Fatal(err)
	}
	zipped.Reset()
	if err := db.WriteTo(&zipped); err != nil {
		t.Fatal(err)
	}
	de := checkBundle(t, zipped.Bytes(), 6)
	if de[0].Path != "quyet-dinh/01_quyet_dinh_v1_qd-99.pdf" || !strings.HasPrefix(de[1].Path, "de-nghi-"+itoa(pr.ID)+"/01_to_trinh_v1_") {
		t.Errorf("decision bundle paths: %q, %q", de[0].Path, de[1].Path)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// checkBundle opens a bundle: its index first, then n files, each with
// the size and SHA-256 its index row says. It returns the index.
func checkBundle(t *testing.T, data []byte, n int) []dossier.Entry {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != n+1 || zr.File[0].Name != dossier.IndexName {
		t.Fatalf("bundle holds %d files, first %q", len(zr.File), zr.File[0].Name)
	}
	rc, _ := zr.File[0].Open()
	entries, err := xlsx.ReadBundleIndex(rc, int64(zr.File[0].UncompressedSize64))
	if err != nil || len(entries) != n {
		t.Fatalf("index: %+v %v", entries, err)
	}
	for i, e := range entries {
		zf := zr.File[i+1]
		rc, _ := zf.Open()
		h := sha256.New()
		size, _ := io.Copy(h, rc)
		if zf.Name != e.Path || size != e.Size || dossier.Hex(h.Sum(nil)) != e.SHA256 {
			t.Errorf("file %d: %s %d bytes, index says %s %d %s", i+1, zf.Name, size, e.Path, e.Size, e.SHA256)
		}
	}
	return entries
}

// rezip copies a ZIP, changing the file named name through change, or
// (name "") adding a file the index does not list.
func rezip(t *testing.T, data []byte, name string, change func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		b, _ := io.ReadAll(rc)
		if zf.Name == name {
			b = change(b)
		}
		w, _ := zw.Create(zf.Name)
		w.Write(b)
	}
	if name == "" {
		w, _ := zw.Create("99_them.pdf")
		w.Write(sample.PDF("them", 0))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func TestEntryEvidenceFollowsTheFiling(t *testing.T) {
	t.Parallel()
	f := newFixture(t)
	th := f.unit(t, seed.ProvinceCode("Thanh Hóa"))
	v, err := f.Filing(f.ctx, f.officer, 2026, th.ID)
	if err != nil {
		t.Fatal(err)
	}
	crit := v.Table.Criteria[0].ID
	target := app.AttachmentTarget{Owner: dossier.OfEntry, Year: 2026, UnitID: th.ID, CriterionID: &crit}
	up := func(p auth.Principal, tg app.AttachmentTarget) (dossier.File, error) {
		return f.UploadAttachment(f.ctx, p, app.AttachmentUpload{AttachmentTarget: tg, Part: dossier.MinhChung, Name: "Biểu thống kê.pdf"},
			bytes.NewReader(sample.PDF("Bieu thong ke", 0)))
	}
	// Thanh Hóa has sent its filing: its evidence is read, not added to.
	d, err := f.Dossier(f.ctx, f.officer, target)
	if err != nil || d.CanUpload || len(d.Files) != 0 {
		t.Fatalf("Thanh Hóa's entry: %+v %v", d, err)
	}
	_, err = up(f.officer, target)
	wantCode(t, err, errs.Conflict)
	_, err = f.Dossier(f.ctx, f.other, target)
	wantCode(t, err, errs.Forbidden) // Nghệ An neither owns nor reviews it

	// Quảng Trị's filing was returned: the unit adds the evidence asked for, to that criterion only.
	var qtID int64
	if err := f.Store.SQL().QueryRow(`SELECT unit_id FROM assessments WHERE year = 2026 AND status = 'returned' ORDER BY unit_id LIMIT 1`).Scan(&qtID); err != nil {
		t.Fatal(err)
	}
	qt := struct{ ID int64 }{qtID}
	qv, err := f.Filing(f.ctx, auth.System, 2026, qt.ID)
	if err != nil || !qv.CanEdit {
		t.Fatalf("Quảng Trị's filing: editable %v, %v", qv.CanEdit, err)
	}
	c1, c2 := qv.Table.Criteria[0].ID, qv.Table.Criteria[1].ID
	qt1 := app.AttachmentTarget{Owner: dossier.OfEntry, Year: 2026, UnitID: qt.ID, CriterionID: &c1}
	qt2 := app.AttachmentTarget{Owner: dossier.OfEntry, Year: 2026, UnitID: qt.ID, CriterionID: &c2}
	file, err := up(auth.System, qt1)
	if err != nil || file.Owner != dossier.OfEntry || file.OwnerID != qv.Filing.ID || *file.CriterionID != c1 {
		t.Fatalf("evidence: %+v %v", file, err)
	}
	if d, err := f.Dossier(f.ctx, f.board, qt2); err != nil || len(d.Files) != 0 {
		t.Fatalf("the other criterion shows %+v (%v)", d.Files, err)
	}
	if d, err := f.Dossier(f.ctx, f.board, qt1); err != nil || len(d.Files) != 1 {
		t.Fatalf("the criterion shows %+v (%v)", d.Files, err)
	}
	// A new version must stay with its criterion.
	_, err = f.UploadAttachment(f.ctx, auth.System, app.AttachmentUpload{AttachmentTarget: qt2, DocNo: file.DocNo, Name: "x.pdf"}, bytes.NewReader(sample.PDF("x", 0)))
	wantField(t, err, "doc_no")
	bad := int64(1 << 40)
	_, err = f.Dossier(f.ctx, f.board, app.AttachmentTarget{Owner: dossier.OfEntry, Year: 2026, UnitID: qt.ID, CriterionID: &bad})
	wantCode(t, err, errs.NotFound)
}
