package dossier_test

import (
	"bytes"
	"strings"
	"testing"

	"thidua/internal/award"
	"thidua/internal/dossier"
	"thidua/internal/dossier/sample"
	"thidua/internal/errs"
)

// inspect feeds data to an Inspector in writes of step bytes (so names
// and markers are cut between writes), then checks a DOCX's zip.
func inspect(data []byte, step int) (dossier.Kind, error) {
	var in dossier.Inspector
	for i := 0; i < len(data); i += step {
		if _, err := in.Write(data[i:min(i+step, len(data))]); err != nil {
			return "", err
		}
	}
	k, err := in.Finish()
	if err == nil && k == dossier.DOCX {
		err = dossier.CheckDOCX(bytes.NewReader(data), int64(len(data)))
	}
	return k, err
}

func TestFilesAreRecognisedByTheirBytes(t *testing.T) {
	pdfJSInStream := sample.PDF("the text says /JavaScript", 0) // inside a string and a stream: not a name
	cases := []struct {
		name string
		data []byte
		kind dossier.Kind
		msg  string // part of the refusal; "" accepted
	}{
		{"pdf", sample.PDF("To trinh", 0), dossier.PDF, ""},
		{"pdf with binary stream", sample.PDF("Bien ban", 300_000), dossier.PDF, ""},
		{"pdf naming JavaScript in text", pdfJSInStream, dossier.PDF, ""},
		{"docx", sample.DOCX("Báo cáo thành tích"), dossier.DOCX, ""},
		{"png", sample.PNG(), dossier.PNG, ""},
		{"jpeg", sample.JPEG(), dossier.JPEG, ""},
		{"pdf with JavaScript", sample.PDFWithScript("/JavaScript"), "", "JavaScript"},
		{"pdf with escaped JavaScript name", sample.PDFWithScript("/J#61vaScript"), "", "JavaScript"},
		{"pdf with launch", sample.PDFWithScript("/Launch"), "", "/Launch"},
		{"pdf cut short", sample.PDF("x", 1000)[:900], "", "%%EOF"},
		{"renamed exe", sample.Program(), "", "chương trình Windows"},
		{"elf", append([]byte("\x7fELF\x02\x01\x01"), make([]byte, 100)...), "", "chương trình Linux"},
		{"script", []byte("#!/bin/sh\nrm -rf /\n"), "", "tập lệnh"},
		{"word 97", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 512)...), "", ".doc"},
		{"html", []byte("<!DOCTYPE html><html><script>alert(1)</script></html>"), "", "Không nhận dạng được"},
		{"empty", nil, "", "rỗng"},
		{"docx zip bomb", sample.DOCXBomb(50 << 20), "", "zip bomb"},
		{"docx lying about its size", sample.DOCXLying(5 << 20), "", "zip bomb"},
		{"docm", sample.DOCXMacro(), "", "macro"},
		{"xlsx", sample.XLSX(), "", "Excel"},
		{"zip of something else", func() []byte {
			d := sample.XLSX()
			return bytes.Replace(d, []byte("xl/workbook.xml"), []byte("ab/workbook.xml"), -1)
		}(), "", "không phải văn bản Word"},
		{"corrupt zip", []byte("PK\x03\x04 and then nothing of a zip at all"), "", "bị hỏng"},
	}
	for _, c := range cases {
		for _, step := range []int{1, 7, 1 << 20} {
			k, err := inspect(c.data, step)
			if c.msg == "" {
				if err != nil || k != c.kind {
					t.Errorf("%s (writes of %d): got %q, %v; want %q accepted", c.name, step, k, err, c.kind)
				}
				continue
			}
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || !strings.Contains(e.Fields["file"], c.msg) {
				t.Errorf("%s (writes of %d): got %q, %v; want a refusal on file saying %q", c.name, step, k, err, c.msg)
			}
		}
	}
}

func TestRequiredPartsFollowTheRuleVersion(t *testing.T) {
	parts := func(rs []dossier.Requirement) string {
		var s []string
		for _, r := range rs {
			s = append(s, string(r.Part))
		}
		return strings.Join(s, " ")
	}
	cases := []struct {
		ruleSet string
		title   award.Title
		want    string // "-": no list recorded
		cite    string
	}{
		{"tt01-2019", award.LaoDongTienTien, "-", ""},
		{"tt02-2024", award.LaoDongTienTien, "to_trinh bao_cao bien_ban", "Điều 84 khoản 1 Luật Thi đua, khen thưởng 2022 điểm a"},
		{"nd152-tt15-2025", award.LaoDongTienTien, "to_trinh bao_cao bien_ban", "Điều 84 khoản 1"},
		{"nd152-tt15-2025", award.ChienSiThiDuaCoSo, "to_trinh bao_cao bien_ban xac_nhan", "Điều 84 khoản 1"},
		{"nd152-tt15-2025", award.ChienSiThiDuaNganh, "to_trinh bao_cao bien_ban xac_nhan", "Điều 84 khoản 1"},
		{"nd152-tt15-2025", award.TapTheLaoDongXuatSac, "to_trinh bao_cao bien_ban", "Điều 84 khoản 1"},
		{"nd152-tt15-2025", award.BangKhenThuTuong, "to_trinh bao_cao bien_ban", "Điều 42 NĐ 152/2025/NĐ-CP"},
		{"tt02-2024", award.BangKhenThuTuong, "to_trinh bao_cao bien_ban", award.Unconfirmed},
		{"nd152-tt15-2025", award.GiayKhen, "to_trinh bao_cao bien_ban", award.Unconfirmed},
	}
	for _, c := range cases {
		rs, ok := dossier.Required(c.ruleSet, c.title)
		if c.want == "-" {
			if ok {
				t.Errorf("%s %s: a list %v, want none recorded", c.ruleSet, c.title, rs)
			}
			continue
		}
		if got := parts(rs); !ok || got != c.want {
			t.Errorf("%s %s: %q, want %q", c.ruleSet, c.title, got, c.want)
		}
		if !strings.Contains(rs[0].Cite, c.cite) {
			t.Errorf("%s %s: cites %q, want %q in it", c.ruleSet, c.title, rs[0].Cite, c.cite)
		}
	}
	// CSTĐ cơ sở from NĐ 152/2025: the certification of HTXS stands in for an initiative.
	rs, _ := dossier.Required("nd152-tt15-2025", award.ChienSiThiDuaCoSo)
	if !strings.Contains(rs[3].What, "hoàn thành xuất sắc nhiệm vụ") {
		t.Errorf("CSTĐCS under NĐ 152: %q", rs[3].What)
	}
	rs, _ = dossier.Required("tt02-2024", award.ChienSiThiDuaCoSo)
	if strings.Contains(rs[3].What, "hoàn thành xuất sắc nhiệm vụ") {
		t.Errorf("CSTĐCS before NĐ 152 accepts HTXS certification: %q", rs[3].What)
	}
}

func TestMissingCountsTheLatestVersions(t *testing.T) {
	reqs, _ := dossier.Required("nd152-tt15-2025", award.ChienSiThiDuaCoSo)
	files := []dossier.File{
		{Owner: dossier.OfProposal, OwnerID: 1, DocNo: 1, Version: 1, Part: dossier.ToTrinh},
		{Owner: dossier.OfProposal, OwnerID: 1, DocNo: 1, Version: 2, Part: dossier.ToTrinh},
		{Owner: dossier.OfProposal, OwnerID: 1, DocNo: 2, Version: 1, Part: dossier.MinhChung},
		{Owner: dossier.OfProposal, OwnerID: 1, DocNo: 3, Version: 1, Part: dossier.BaoCao},
	}
	latest := dossier.Latest(files)
	if len(latest) != 3 || latest[0].Version != 2 {
		t.Fatalf("latest: %+v", latest)
	}
	m := dossier.Missing(reqs, latest)
	if len(m) != 2 || m[0].Part != dossier.BienBan || m[1].Part != dossier.XacNhan {
		t.Fatalf("missing: %+v", m)
	}
	msg := dossier.MissingMessage(m)
	if !strings.Contains(msg, "Biên bản họp xét") || !strings.Contains(msg, "Giấy chứng nhận") {
		t.Errorf("message: %s", msg)
	}
}

func TestBundlePathsArePredictable(t *testing.T) {
	f := dossier.File{Part: dossier.ToTrinh, Version: 2, Name: "Tờ trình khen thưởng Đặng Văn Ánh (bản ký).PDF", Kind: dossier.PDF}
	if got, want := dossier.BundlePath("de-nghi-12/", 1, f), "de-nghi-12/01_to_trinh_v2_to-trinh-khen-thuong-dang-van-anh-ban-ky.pdf"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	f = dossier.File{Part: dossier.MinhChung, Version: 1, Name: "ảnh.jpeg", Kind: dossier.JPEG}
	if got, want := dossier.BundlePath("", 12, f), "12_minh_chung_v1_anh.jpg"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got := dossier.Slug("…"); got != "tep" {
		t.Errorf("empty slug: %q", got)
	}
}
