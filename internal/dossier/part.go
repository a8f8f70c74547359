// Package dossier is the electronic dossier (hồ sơ điện tử) of a proposal,
// a decision or a self-assessment entry: the typed parts a file can be,
// what a dossier must hold for each title and rule version
// (requirements.go, SOURCES in ../award/SOURCES.md "Dossier parts"), how a
// file is recognised by its bytes and refused when it is dangerous
// (sniff.go, docx.go), and how the bundle sent up names its files
// (bundle.go). Pure Go over plain data: the bytes come and go through
// io interfaces, never whole in memory.
package dossier

import "time"

// Part is what a file is in a dossier, by stable code.
type Part string

const (
	ToTrinh   Part = "to_trinh"   // Tờ trình đề nghị khen thưởng
	BienBan   Part = "bien_ban"   // Biên bản họp xét, with the ballot's result
	BaoCao    Part = "bao_cao"    // Báo cáo thành tích
	XacNhan   Part = "xac_nhan"   // Chứng nhận, xác nhận: sáng kiến, đề tài, hoàn thành xuất sắc nhiệm vụ
	MinhChung Part = "minh_chung" // Tài liệu minh chứng
	QuyetDinh Part = "quyet_dinh" // Quyết định
)

// Parts lists every part in the order a dossier shows them.
var Parts = []Part{ToTrinh, BienBan, BaoCao, XacNhan, MinhChung, QuyetDinh}

// Label is the part's Vietnamese name.
func (p Part) Label() string {
	switch p {
	case ToTrinh:
		return "Tờ trình đề nghị khen thưởng"
	case BienBan:
		return "Biên bản họp xét thi đua, khen thưởng (kết quả bỏ phiếu)"
	case BaoCao:
		return "Báo cáo thành tích"
	case XacNhan:
		return "Giấy chứng nhận, xác nhận (sáng kiến, đề tài, hoàn thành xuất sắc nhiệm vụ)"
	case MinhChung:
		return "Tài liệu minh chứng"
	case QuyetDinh:
		return "Quyết định"
	}
	return string(p)
}

// Owner is the kind of record a file belongs to.
type Owner string

const (
	OfProposal Owner = "proposal" // a proposal's dossier
	OfDecision Owner = "decision" // a decision and its annexes
	OfEntry    Owner = "entry"    // the evidence of a self-assessment criterion
)

// PartsOf lists the parts a record of kind o may hold.
func PartsOf(o Owner) []Part {
	switch o {
	case OfProposal:
		return []Part{ToTrinh, BienBan, BaoCao, XacNhan, MinhChung}
	case OfDecision:
		return []Part{QuyetDinh, ToTrinh, BienBan, MinhChung}
	case OfEntry:
		return []Part{MinhChung}
	}
	return nil
}

// Allowed reports whether a record of kind o may hold part p.
func Allowed(o Owner, p Part) bool {
	for _, x := range PartsOf(o) {
		if x == p {
			return true
		}
	}
	return false
}

// Kind is a file's format, as its bytes say.
type Kind string

const (
	PDF  Kind = "pdf"
	DOCX Kind = "docx"
	JPEG Kind = "jpeg"
	PNG  Kind = "png"
)

// ContentType is the media type a file of kind k is served with.
func (k Kind) ContentType() string {
	switch k {
	case PDF:
		return "application/pdf"
	case DOCX:
		return "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	case JPEG:
		return "image/jpeg"
	case PNG:
		return "image/png"
	}
	return "application/octet-stream"
}

// Ext is the file extension of kind k, without the dot.
func (k Kind) Ext() string {
	if k == JPEG {
		return "jpg"
	}
	return string(k)
}

// Previewable reports whether a browser shows kind k itself (PDF, images).
func (k Kind) Previewable() bool { return k == PDF || k == JPEG || k == PNG }

// File is one version of one document of a record's dossier.
type File struct {
	ID          int64     `json:"id"`
	Owner       Owner     `json:"owner"`
	OwnerID     int64     `json:"owner_id"`
	CriterionID *int64    `json:"criterion_id,omitempty"`
	DocNo       int       `json:"doc_no"`
	Version     int       `json:"version"`
	Part        Part      `json:"part"`
	Name        string    `json:"file_name"`
	Kind        Kind      `json:"kind"`
	Size        int64     `json:"size"`
	SHA256      []byte    `json:"-"`
	UploadedBy  *int64    `json:"uploaded_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	// Signature is what checking a PDF's digital signatures on upload
	// found ("Đã ký số bởi … lúc …", or why one fails); "" when unsigned.
	Signature      string `json:"signature,omitempty"`
	SignatureValid bool   `json:"signature_valid"`
}

// Latest keeps the latest version of each document of files (ordered by
// document, then version), in document order.
func Latest(files []File) []File {
	var out []File
	for i, f := range files {
		if i+1 < len(files) && files[i+1].DocNo == f.DocNo && files[i+1].Owner == f.Owner && files[i+1].OwnerID == f.OwnerID {
			continue
		}
		out = append(out, f)
	}
	return out
}
