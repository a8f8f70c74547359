package app

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dossier"
	"thidua/internal/errs"
	"thidua/internal/limits"
	"thidua/internal/proposal"
	"thidua/internal/store"
)

// The electronic dossier: files attached to a proposal, a decision or a
// self-assessment entry, with the authorisation of the record they belong
// to. The bytes stream from the request into the database and back out,
// one chunk (store.ChunkSize) in memory at a time.

// AttachmentTarget names the record a file belongs to: a proposal or a
// decision by OwnerID; an entry by the filing's Year and UnitID and the
// CriterionID.
type AttachmentTarget struct {
	Owner       dossier.Owner `json:"owner"`
	OwnerID     int64         `json:"owner_id"`
	Year        int           `json:"year,omitempty"`
	UnitID      int64         `json:"unit_id,omitempty"`
	CriterionID *int64        `json:"criterion_id,omitempty"`
}

// AttachmentUpload is one file sent: its part, its name as uploaded, and
// DocNo, the document it is a new version of (0: a new document).
type AttachmentUpload struct {
	AttachmentTarget
	Part     dossier.Part
	Name     string
	DocNo    int
	Unparsed errs.Fields
}

// DossierView is what a record's dossier holds and lacks.
type DossierView struct {
	Target   AttachmentTarget      `json:"target"`
	Files    []dossier.File        `json:"files"`   // the latest version of each document
	History  []dossier.File        `json:"history"` // every version, by document
	Parts    []dossier.Part        `json:"parts"`   // the parts this record may hold
	Listed   bool                  `json:"listed"`  // the rules in force list the parts required
	Required []dossier.Requirement `json:"required"`
	Missing  []dossier.Requirement `json:"missing"`
	Bytes    int64                 `json:"bytes"` // held, every version
	// CanUpload: the reader may add files now.
	CanUpload bool `json:"can_upload"`
}

// Attachment is a file about to be sent, and how to send its bytes.
type Attachment struct {
	dossier.File
	// WriteTo streams the file's bytes to w.
	WriteTo func(w io.Writer) error `json:"-"`
}

// owned is the record behind a target once authorised: the owner's id,
// its proposal (for a proposal's dossier), and whether the reader may add
// files.
type owned struct {
	AttachmentTarget
	proposal *proposal.Proposal
	canWrite bool
}

// ownerFor authorises p to read (write false) or add files to (write
// true) the record of target t, with the rights of that record.
func (a *App) ownerFor(ctx context.Context, tx *store.Q, p auth.Principal, t AttachmentTarget, write bool) (owned, error) {
	o := owned{AttachmentTarget: t}
	switch t.Owner {
	case dossier.OfProposal:
		pr, err := tx.Proposal(ctx, t.OwnerID)
		if err != nil {
			return o, err
		}
		if err := a.mayViewProposal(ctx, tx, p, pr); err != nil {
			return o, err
		}
		o.proposal = &pr
		path, err := a.unitPathOf(ctx, tx, pr.ProposerUnitID)
		if err != nil {
			return o, err
		}
		o.canWrite = pr.Status == proposal.Draft && auth.Can(p, auth.ProposeAward, auth.Unit(path))
		if write {
			if err := a.authorizeProposer(ctx, tx, p, pr.ProposerUnitID); err != nil {
				return o, err
			}
			if err := proposal.CheckEdit(pr.Status); err != nil {
				return o, err
			}
		}
	case dossier.OfDecision:
		if err := auth.Authorize(p, auth.ViewProposal, auth.Target{Published: true}); err != nil {
			return o, err
		}
		d, err := tx.Decision(ctx, t.OwnerID)
		if err != nil {
			return o, err
		}
		// The files of a decision are added by the board of the level that took it.
		path, err := a.unitPathOf(ctx, tx, d.UnitID)
		if err != nil {
			return o, err
		}
		o.canWrite = auth.Can(p, auth.DecideAwards, auth.Unit(path))
		if write {
			if err := auth.Authorize(p, auth.DecideAwards, auth.Unit(path)); err != nil {
				return o, err
			}
		}
	case dossier.OfEntry:
		act := auth.ViewFiling
		if write {
			act = auth.FileSelf
		}
		v, _, err := a.filingFor(ctx, tx, p, act, t.Year, t.UnitID)
		if err != nil {
			return o, err
		}
		if v.Filing.ID == 0 {
			return o, errs.New(errs.NotFound, "Đơn vị chưa lưu bản tự chấm điểm năm %d: lưu bản tự chấm trước khi đính kèm minh chứng.", t.Year)
		}
		found := false
		for _, c := range v.Table.Criteria {
			found = found || t.CriterionID != nil && c.ID == *t.CriterionID
		}
		if !found {
			return o, errs.New(errs.NotFound, "Không tìm thấy tiêu chí trong bảng tiêu chí của đơn vị.")
		}
		o.OwnerID, o.canWrite = v.Filing.ID, v.CanEdit
		if write && !v.CanEdit {
			return o, errs.New(errs.Conflict, "Bản tự chấm điểm không còn sửa được (đã gửi hoặc đã hết hạn): không thêm minh chứng được.")
		}
	default:
		return o, errs.New(errs.NotFound, "Không tìm thấy hồ sơ.")
	}
	return o, nil
}

// targetOf is the target of stored file f.
func targetOf(ctx context.Context, tx *store.Q, f dossier.File) (AttachmentTarget, error) {
	t := AttachmentTarget{Owner: f.Owner, OwnerID: f.OwnerID, CriterionID: f.CriterionID}
	if f.Owner == dossier.OfEntry {
		var err error
		if t.Year, t.UnitID, err = tx.AssessmentOf(ctx, f.OwnerID); err != nil {
			return t, err
		}
	}
	return t, nil
}

// Dossier is the dossier of the record of t, for its page and the API.
func (a *App) Dossier(ctx context.Context, p auth.Principal, t AttachmentTarget) (DossierView, error) {
	return a.dossierOf(ctx, &a.store.Q, p, t)
}

func (a *App) dossierOf(ctx context.Context, tx *store.Q, p auth.Principal, t AttachmentTarget) (DossierView, error) {
	o, err := a.ownerFor(ctx, tx, p, t, false)
	if err != nil {
		return DossierView{}, err
	}
	v := DossierView{Target: o.AttachmentTarget, Parts: dossier.PartsOf(t.Owner), CanUpload: o.canWrite}
	if v.History, err = tx.Attachments(ctx, t.Owner, o.OwnerID); err != nil {
		return v, err
	}
	if t.Owner == dossier.OfEntry { // one filing holds every criterion's evidence
		var mine []dossier.File
		for _, f := range v.History {
			if f.CriterionID != nil && *f.CriterionID == *t.CriterionID {
				mine = append(mine, f)
			}
		}
		v.History = mine
	}
	for _, f := range v.History {
		v.Bytes += f.Size
	}
	v.Files = dossier.Latest(v.History)
	if o.proposal != nil {
		v.Required, v.Listed = dossier.Required(o.proposal.VerdictRuleSet, award.Title(o.proposal.Title))
		v.Missing = dossier.Missing(v.Required, v.Files)
	}
	return v, nil
}

// dossierComplete refuses to send up proposal pr while a part its rules
// require is missing from its dossier. The submit path calls it, and so
// must any other way a dossier travels up.
func (a *App) dossierComplete(ctx context.Context, tx *store.Q, pr proposal.Proposal) error {
	reqs, ok := dossier.Required(pr.VerdictRuleSet, award.Title(pr.Title))
	if !ok {
		return nil // no list in the rules of its day (before Luật TĐKT 2022)
	}
	files, err := tx.Attachments(ctx, dossier.OfProposal, pr.ID)
	if err != nil {
		return err
	}
	if missing := dossier.Missing(reqs, dossier.Latest(files)); len(missing) > 0 {
		return errs.Fields{"dossier": dossier.MissingMessage(missing)}.Err()
	}
	return nil
}

// UploadAttachment stores one file in the record of in, read from body as
// it arrives: a new document, or a new version of document in.DocNo.
// Nothing is written unless the whole file is accepted.
func (a *App) UploadAttachment(ctx context.Context, p auth.Principal, in AttachmentUpload, body io.Reader) (dossier.File, error) {
	var out dossier.File
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		o, err := a.ownerFor(ctx, tx, p, in.AttachmentTarget, true)
		if err != nil {
			return err
		}
		f := errs.Fields{}
		for k, m := range in.Unparsed {
			f.Add(k, m)
		}
		if in.DocNo == 0 && !dossier.Allowed(in.Owner, in.Part) {
			f.Add("part", "Vui lòng chọn thành phần hồ sơ của tệp.")
		}
		name := cleanFileName(f, in.Name)
		if err := f.Err(); err != nil {
			return err
		}
		out, _, err = a.storeFile(ctx, tx, p, o, in.Part, name, in.DocNo, body)
		return err
	})
	return out, err
}

// cleanFileName is a file's name as uploaded, without a path.
func cleanFileName(f errs.Fields, name string) string {
	name = strings.TrimSpace(path.Base(strings.ReplaceAll(name, "\\", "/")))
	switch {
	case name == "" || name == "." || name == "/":
		f.Add("file", "Vui lòng chọn tệp cần tải lên.")
	case utf8.RuneCountInString(name) > 255:
		f.Add("file", "Tên tệp không quá 255 ký tự.")
	}
	return name
}

// storeFile streams body into o's dossier within tx: chunk by chunk into
// the database while it is hashed and inspected; a DOCX is checked from
// its stored bytes once all are in. It returns the file and its SHA-256.
func (a *App) storeFile(ctx context.Context, tx *store.Q, p auth.Principal, o owned, part dossier.Part, name string, docNo int, body io.Reader) (dossier.File, []byte, error) {
	held, err := tx.DossierBytes(ctx, o.Owner, o.OwnerID)
	if err != nil {
		return dossier.File{}, nil, err
	}
	limit, tooBig := int64(limits.MaxAttachmentBytes), fmt.Sprintf("Tệp vượt quá %s: mỗi tệp không quá %s.", limits.MB(limits.MaxAttachmentBytes), limits.MB(limits.MaxAttachmentBytes))
	if room := limits.MaxDossierBytes - held; room < limit {
		limit = max(room, 0)
		tooBig = fmt.Sprintf("Hồ sơ đã có %s; tổng dung lượng các tệp của một hồ sơ không quá %s.", limits.MB(held), limits.MB(limits.MaxDossierBytes))
	}
	id, err := tx.NewAttachmentID(ctx)
	if err != nil {
		return dossier.File{}, nil, err
	}
	var insp dossier.Inspector
	h := sha256.New()
	buf := make([]byte, store.ChunkSize)
	var size int64
	for seq := 0; ; seq++ {
		n, rerr := io.ReadFull(body, buf)
		if n > 0 {
			if size += int64(n); size > limit {
				return dossier.File{}, nil, errs.Fields{"file": tooBig}.Err()
			}
			if _, err := insp.Write(buf[:n]); err != nil {
				return dossier.File{}, nil, err
			}
			h.Write(buf[:n])
			if err := tx.WriteChunk(ctx, id, seq, buf[:n]); err != nil {
				return dossier.File{}, nil, err
			}
		}
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			return dossier.File{}, nil, rerr
		}
	}
	kind, err := insp.Finish()
	if err != nil {
		return dossier.File{}, nil, err
	}
	if kind == dossier.DOCX {
		if err := dossier.CheckDOCX(tx.AttachmentReader(ctx, id, size), size); err != nil {
			return dossier.File{}, nil, err
		}
	}
	sum := h.Sum(nil)
	f := dossier.File{ID: id, Owner: o.Owner, OwnerID: o.OwnerID, DocNo: docNo, Part: part, Name: name, Kind: kind, Size: size, SHA256: sum}
	if kind == dossier.PDF {
		// Checked once, from the stored bytes: the page shows who signed
		// and whether the file changed since, without reading it again.
		if r := a.VerifyPDF(io.NewSectionReader(tx.AttachmentReader(ctx, id, size), 0, size)); r.Signed() {
			f.Signature, f.SignatureValid = r.Summary(), r.Valid()
		}
	}
	if o.Owner == dossier.OfEntry {
		f.CriterionID = o.CriterionID
	}
	if p.UserID != 0 {
		uid := p.UserID
		f.UploadedBy = &uid
	}
	out, err := tx.CreateAttachment(ctx, f)
	if err != nil {
		return out, nil, err
	}
	if o.Owner == dossier.OfEntry && docNo != 0 && (out.CriterionID == nil || *out.CriterionID != *o.CriterionID) {
		return out, nil, errs.Fields{"doc_no": "Tài liệu cần thay thuộc tiêu chí khác."}.Err()
	}
	why := fmt.Sprintf("%s, phiên bản %d, SHA-256 %s", out.Part.Label(), out.Version, dossier.Hex(sum))
	return out, sum, tx.Audit(ctx, p.UserID, "upload", "attachment", out.ID, why, nil, out)
}

// OpenAttachment is one stored file for download or preview, with the
// rights of the record it belongs to.
func (a *App) OpenAttachment(ctx context.Context, p auth.Principal, id int64) (Attachment, error) {
	q := &a.store.Q
	f, err := q.Attachment(ctx, id)
	if err != nil {
		return Attachment{}, err
	}
	t, err := targetOf(ctx, q, f)
	if err != nil {
		return Attachment{}, err
	}
	if _, err := a.ownerFor(ctx, q, p, t, false); err != nil {
		return Attachment{}, err
	}
	return Attachment{File: f, WriteTo: func(w io.Writer) error { return a.attachmentBytes(ctx, id, w) }}, nil
}

// attachmentBytes streams the bytes of one attachment version to w, with
// no authorisation: for the app's own readers (the signed-PDF check reads
// an uploaded version through it), never for a request as it stands.
func (a *App) attachmentBytes(ctx context.Context, id int64, w io.Writer) error {
	return a.store.StreamAttachment(ctx, id, w)
}
