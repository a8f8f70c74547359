package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/docx/docxtest"
	"thidua/internal/proposal"
	"thidua/internal/seed"
	"thidua/internal/vote"
)

// wordFetch downloads a document, checks its media type and attachment,
// and answers its bytes; another status answers it and nil.
func wordFetch(t *testing.T, b *browser, path, typ string) (int, []byte) {
	t.Helper()
	r := b.get(path)
	if r.status != http.StatusOK {
		return r.status, nil
	}
	if ct := r.header.Get("Content-Type"); ct != typ {
		t.Fatalf("%s: content type %q", path, ct)
	}
	if cd := r.header.Get("Content-Disposition"); !strings.HasPrefix(cd, "attachment;") {
		t.Fatalf("%s: disposition %q", path, cd)
	}
	return r.status, []byte(r.body)
}

// wordPages renders a .docx through LibreOffice and checks its text holds
// want in that order (white space squashed), its first page has no page
// number and no page holds the signature block without the text that
// precedes it (marker: a phrase of the last paragraph before the
// signature). The PNGs go to artifacts/documents.
func wordPages(t *testing.T, name string, doc []byte, marker string, want ...string) []string {
	t.Helper()
	pdf := docxtest.ToPDF(t, doc)
	pages := docxtest.Pages(t, pdf)
	wantInOrder(t, name, docxtest.Squash(strings.Join(pages, " ")), want...)
	for i, pg := range pages {
		if strings.Contains(pg, "Nơi nhận:") && !strings.Contains(docxtest.Squash(pg), marker) {
			t.Errorf("%s: page %d holds the signature block without %q:\n%s", name, i+1, marker, pg)
		}
	}
	docxtest.PNG(t, pdf, "../../artifacts/documents", name)
	return pages
}

// wantInOrder fails the test unless text holds want in that order.
func wantInOrder(t *testing.T, name, text string, want ...string) {
	t.Helper()
	from := 0
	for _, w := range want {
		i := strings.Index(text[from:], w)
		if i < 0 {
			t.Fatalf("%s: %q missing (or out of order) in\n%s", name, w, text)
		}
		from += i + len(w)
	}
}

// wordPerson records Phạm Thị Hồng in unit, rated "hoàn thành tốt" in
// 2024–2026, and answers her ID.
func wordPerson(t *testing.T, s *site, unit int64) int64 {
	t.Helper()
	ctx := context.Background()
	person, err := s.app.CreatePerson(ctx, auth.System, app.PersonInput{FullName: "Phạm Thị Hồng", UnitID: unit, Sex: "nu",
		Position: "Kiểm sát viên trung cấp", Since: time.Date(2018, 3, 1, 0, 0, 0, 0, time.UTC), RecruitedOn: &recruited2018, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, y := range []int{2024, 2025, 2026} {
		if _, err := s.app.SetRating(ctx, auth.System, person.ID, app.Rating{Year: y, Rating: string(award.Tot)}); err != nil {
			t.Fatal(err)
		}
	}
	return person.ID
}

const wordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

func TestWordDocumentsHTTP(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	s.app.Now = func() time.Time { return time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC) }
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	kv := s.unit(t, seed.ProvinceCode("Thanh Hóa")+"-KV1")
	na := s.unit(t, seed.ProvinceCode("Nghệ An"))
	personID := wordPerson(t, s, th)
	submit := func(in app.ProposalInput) proposal.Proposal { return submitProposal(t, s, in) }
	ldtt := submit(app.ProposalInput{Year: 2026, ProposerUnitID: th, PersonID: &personID, Title: string(award.LaoDongTienTien), Summary: "Hoàn thành tốt nhiệm vụ"})
	submit(app.ProposalInput{Year: 2026, ProposerUnitID: th, Title: string(award.TapTheLaoDongTienTien), Summary: "Đơn vị hoàn thành tốt nhiệm vụ"})
	submit(app.ProposalInput{Year: 2026, ProposerUnitID: kv, Title: string(award.TapTheLaoDongTienTien), Summary: "Khu vực hoàn thành tốt nhiệm vụ"})

	officer := s.browser(t)
	officer.login("canbo.thanhhoa")
	board := s.browser(t)
	board.login("hoidong")

	// The province's tờ trình, to the Supreme Procuracy, its list annexed.
	_, doc := wordFetch(t, officer, "/years/2026/proposals/submission.docx", wordType)
	wordPages(t, "to-trinh-tinh", doc, "kính trình",
		"VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "VIỆN KIỂM SÁT NHÂN DÂN", "Độc lập - Tự do - Hạnh phúc",
		"TỈNH THANH HÓA", "Số: /TTr-VKSTH", "Thanh Hóa, ngày 20 tháng 11 năm 2026", "TỜ TRÌNH", "Về việc đề nghị khen thưởng năm 2026",
		"Kính gửi: Viện trưởng Viện kiểm sát nhân dân tối cao", "Luật Thi đua, khen thưởng", "152/2025/NĐ-CP", "02/2024/TT-VKSTC",
		"kính đề nghị Viện trưởng Viện kiểm sát nhân dân tối cao xem xét", award.TapTheLaoDongTienTien.Label()+": 1", award.LaoDongTienTien.Label()+":",
		"Nơi nhận:", "VIỆN TRƯỞNG", "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG NĂM 2026", "Kết quả", "Phạm Thị Hồng")
	// …not another unit's.
	if st, _ := wordFetch(t, officer, "/years/2026/proposals/submission.docx?unit_id="+itoa(na), wordType); st != http.StatusForbidden {
		t.Fatalf("officer, another unit's tờ trình: %d", st)
	}
	// A regional procuracy's: issued under the province, addressed to it.
	_, doc = wordFetch(t, board, "/years/2026/proposals/submission.docx?unit_id="+itoa(kv), wordType)
	wordPages(t, "to-trinh-khu-vuc", doc, "kính trình",
		"TỈNH THANH HÓA", "KHU VỰC 1 – THANH HÓA", "Thanh Hóa, ngày 20 tháng 11 năm 2026",
		"Kính gửi: Viện trưởng Viện kiểm sát nhân dân tỉnh Thanh Hóa", "cho 1 tập thể và 0 cá nhân", "VIỆN TRƯỞNG")

	// The sector's list, issued by the Supreme Procuracy in Hà Nội.
	_, doc = wordFetch(t, board, "/years/2026/proposals/list.docx?scope=sector", wordType)
	wordPages(t, "danh-sach-nganh", doc, "Tổng cộng:",
		"VIỆN KIỂM SÁT NHÂN DÂN", "TỐI CAO", "Số: /DS-VKSTC", "Hà Nội, ngày 20 tháng 11 năm 2026", "DANH SÁCH",
		"I. "+award.TapTheLaoDongTienTien.Label(), "Cộng:", award.LaoDongTienTien.Label(), "Phạm Thị Hồng", "Tổng cộng:", "VIỆN TRƯỞNG")
	if st, _ := wordFetch(t, officer, "/years/2026/proposals/list.docx?scope=sector", wordType); st != http.StatusForbidden {
		t.Fatalf("officer, the sector's list: %d", st)
	}

	// The person's báo cáo thành tích, prefilled from the record.
	_, doc = wordFetch(t, officer, "/proposals/"+itoa(ldtt.ID)+"/report.docx", wordType)
	wordPages(t, "bao-cao-thanh-tich", doc, "",
		"TỈNH THANH HÓA", "Thanh Hóa, ngày 20 tháng 11 năm 2026", "BÁO CÁO THÀNH TÍCH", "Đề nghị tặng danh hiệu “Lao động tiên tiến” năm 2026",
		"I. SƠ LƯỢC LÝ LỊCH", "Họ và tên: Phạm Thị Hồng; giới tính: Nữ", "Kiểm sát viên trung cấp", "Ngày tuyển dụng: 01/03/2018",
		"II. THÀNH TÍCH ĐẠT ĐƯỢC", "Hoàn thành tốt nhiệm vụ", "2024", "Hoàn thành tốt nhiệm vụ", "III. CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG",
		"THỦ TRƯỞNG ĐƠN VỊ XÁC NHẬN,", "NGƯỜI BÁO CÁO THÀNH TÍCH", "ĐỀ NGHỊ", "Phạm Thị Hồng")

	// The draft decision, signed by the head (the sector has no council
	// recorded for the year: the name is typed).
	s.app.Now = func() time.Time { return time.Date(2026, 12, 15, 9, 0, 0, 0, time.UTC) }
	dv, err := s.app.Decide(ctx, auth.System, app.DecisionInput{Year: 2026, Number: "125/QĐ-VKSTC", DecidedOn: awardDocTime(time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)),
		Signer: "Nguyễn Văn Ký", Items: []app.DecisionItem{{ProposalID: ldtt.ID, Version: ldtt.Version}}})
	if err != nil {
		t.Fatal(err)
	}
	_, doc = wordFetch(t, officer, "/decisions/"+itoa(dv.ID)+"/draft.docx", wordType)
	wordPages(t, "du-thao-quyet-dinh", doc, "chịu trách nhiệm thi hành",
		"VIỆN KIỂM SÁT NHÂN DÂN", "TỐI CAO", "Số: 125/QĐ-VKSTC", "Hà Nội, ngày 05 tháng 12 năm 2026", "QUYẾT ĐỊNH",
		"VIỆN TRƯỞNG VIỆN KIỂM SÁT NHÂN DÂN TỐI CAO", "Căn cứ Luật Tổ chức Viện kiểm sát nhân dân số 63/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 82/2025/QH15;", "152/2025/NĐ-CP", "QUYẾT ĐỊNH:",
		"Điều 1.", "0 tập thể và 1 cá nhân", "Điều 3.", "Nơi nhận:", "VIỆN TRƯỞNG", "Nguyễn Văn Ký",
		"DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2026", "(Kèm theo Quyết định số 125/QĐ-VKSTC ngày 05 tháng 12 năm 2026)", "Phạm Thị Hồng")
	// The list as signed, final, in PDF.
	_, final := wordFetch(t, officer, "/decisions/"+itoa(dv.ID)+"/list.pdf", "application/pdf")
	all := docxtest.Squash(strings.Join(docxtest.Pages(t, final), " "))
	for _, want := range []string{"TỐI CAO", "Hà Nội, ngày 05 tháng 12 năm 2026", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG NĂM 2026",
		"Kèm theo Quyết định số 125/QĐ-VKSTC ngày 05 tháng 12 năm 2026", "Phạm Thị Hồng", "Tổng cộng: 1", "VIỆN TRƯỞNG", "Nguyễn Văn Ký"} {
		if !strings.Contains(all, want) {
			t.Errorf("the final list lacks %q:\n%s", want, all)
		}
	}
	if st, _ := wordFetch(t, officer, "/decisions/999999/draft.docx", wordType); st != http.StatusNotFound {
		t.Fatalf("unknown decision: %d", st)
	}
}

// TestVoteMinutesWord: the biên bản of a cluster's flag vote, in the
// cluster's name at its head's place, with each candidate's votes.
func TestVoteMinutesWord(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	ctx := context.Background()
	th := s.unit(t, seed.ProvinceCode("Thanh Hóa"))
	cl, err := s.store.ClusterOfUnit(ctx, 2026, th)
	if err != nil {
		t.Fatal(err)
	}
	if cl.HeadUnitID == nil {
		t.Fatal("the demo's cluster of Thanh Hóa has no head in 2026")
	}
	v, err := s.store.CreateVote(ctx, vote.Vote{ClusterID: cl.ID, Year: 2026, Title: "co_nganh", Status: app.VoteOpen},
		[]vote.Candidate{{UnitID: th, RankAtOpen: 1}})
	if err != nil {
		t.Fatal(err)
	}
	head := s.unitName(t, *cl.HeadUnitID)
	b := s.browser(t)
	b.login("canbo.thanhhoa")
	_, doc := wordFetch(t, b, "/votes/"+itoa(v.ID)+"/minutes.docx", wordType)
	wordPages(t, "bien-ban-binh-xet", doc, "",
		strings.ToUpper(cl.Level.Label()), "BIÊN BẢN", "Bình xét, suy tôn đơn vị đề nghị tặng Cờ thi đua năm 2026",
		cl.Title(), "do "+head+" chủ trì", "Số đơn vị thành viên: "+itoa(int64(len(cl.Members))), "Kết quả bỏ phiếu:",
		s.unitName(t, th), "0/", "Không đạt", "Cuộc bình xét chưa kết thúc", "TM. "+strings.ToUpper(cl.Level.Label()), "TRƯỞNG CỤM")
}
