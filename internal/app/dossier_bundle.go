package app

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"

	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dossier"
	"thidua/internal/errs"
	"thidua/internal/store"
	"thidua/internal/xlsx"
)

// Bundle is the ZIP of a submission or a decision for the level above: an
// index workbook (dossier.IndexName) listing every file with its part,
// SHA-256 and size, then the files, named by dossier.BundlePath.
type Bundle struct {
	Name    string                  // the ZIP's file name
	WriteTo func(w io.Writer) error `json:"-"`
}

// bundleFile is one file of a bundle and its index entry.
type bundleFile struct {
	file  dossier.File
	entry dossier.Entry
}

func bundleFiles(dir, record string, files []dossier.File) []bundleFile {
	out := make([]bundleFile, len(files))
	for i, f := range files {
		out[i] = bundleFile{f, dossier.Entry{Path: dossier.BundlePath(dir, i+1, f), Part: f.Part, Name: f.Name,
			Version: f.Version, Size: f.Size, SHA256: dossier.Hex(f.SHA256), Record: record}}
	}
	return out
}

// DossierBundle is the bundle of a proposal's dossier (its latest files)
// or of a decision (its own files, then those of every proposal it
// approved, a folder each), for whoever may read the record.
func (a *App) DossierBundle(ctx context.Context, p auth.Principal, t AttachmentTarget) (Bundle, error) {
	q := &a.store.Q
	var files []bundleFile
	var title, name string
	switch t.Owner {
	case dossier.OfProposal:
		v, err := a.dossierOf(ctx, q, p, t)
		if err != nil {
			return Bundle{}, err
		}
		pr, err := q.Proposal(ctx, t.OwnerID)
		if err != nil {
			return Bundle{}, err
		}
		record := fmt.Sprintf("Đề nghị số %d", pr.ID)
		title = fmt.Sprintf("HỒ SƠ ĐỀ NGHỊ KHEN THƯỞNG SỐ %d: %s – %s", pr.ID, award.Title(pr.Title).Label(), pr.SubjectName)
		name, files = fmt.Sprintf("ho-so-de-nghi-%d.zip", pr.ID), bundleFiles("", record, v.Files)
	case dossier.OfDecision:
		v, err := a.dossierOf(ctx, q, p, t)
		if err != nil {
			return Bundle{}, err
		}
		d, err := q.Decision(ctx, t.OwnerID)
		if err != nil {
			return Bundle{}, err
		}
		title = fmt.Sprintf("HỒ SƠ QUYẾT ĐỊNH KHEN THƯỞNG SỐ %s NGÀY %s", d.Number, d.DecidedOn.Format("02/01/2006"))
		name, files = fmt.Sprintf("ho-so-quyet-dinh-%d.zip", d.ID), bundleFiles("quyet-dinh/", "Quyết định số "+d.Number, v.Files)
		prs, err := q.ListProposals(ctx, store.ProposalFilter{DecisionID: &d.ID})
		if err != nil {
			return Bundle{}, err
		}
		for _, pr := range prs {
			all, err := q.Attachments(ctx, dossier.OfProposal, pr.ID)
			if err != nil {
				return Bundle{}, err
			}
			record := fmt.Sprintf("Đề nghị số %d: %s – %s", pr.ID, award.Title(pr.Title).Label(), pr.SubjectName)
			files = append(files, bundleFiles(fmt.Sprintf("de-nghi-%d/", pr.ID), record, dossier.Latest(all))...)
		}
	default:
		return Bundle{}, errs.New(errs.NotFound, "Không có gói hồ sơ cho loại hồ sơ này.")
	}
	entries := make([]dossier.Entry, len(files))
	for i, f := range files {
		entries[i] = f.entry
	}
	var index bytes.Buffer
	if err := xlsx.WriteBundleIndex(&index, title, entries); err != nil {
		return Bundle{}, err
	}
	stamp := a.Now()
	return Bundle{Name: name, WriteTo: func(w io.Writer) error {
		zw := zip.NewWriter(w)
		iw, err := zw.CreateHeader(&zip.FileHeader{Name: dossier.IndexName, Method: zip.Deflate, Modified: stamp})
		if err != nil {
			return err
		}
		if _, err := iw.Write(index.Bytes()); err != nil {
			return err
		}
		for _, f := range files {
			// PDF, DOCX, JPEG and PNG are compressed already: stored as they are.
			fw, err := zw.CreateHeader(&zip.FileHeader{Name: f.entry.Path, Method: zip.Store, Modified: f.file.CreatedAt})
			if err != nil {
				return err
			}
			if err := a.store.StreamAttachment(ctx, f.file.ID, fw); err != nil {
				return err
			}
		}
		return zw.Close()
	}}, nil
}

// ImportBundle adds the files of a bundle (a ZIP of size bytes read from
// r, as DossierBundle writes it) to the record of t, each a new document
// of the part its index names, after checking that the ZIP holds exactly
// the files its index lists and that each one's SHA-256 and size are those
// listed. Any mismatch or refused file: nothing is written.
func (a *App) ImportBundle(ctx context.Context, p auth.Principal, t AttachmentTarget, r io.ReaderAt, size int64) ([]dossier.File, error) {
	if t.Owner != dossier.OfProposal && t.Owner != dossier.OfDecision {
		return nil, errs.New(errs.NotFound, "Không nhận gói hồ sơ cho loại hồ sơ này.")
	}
	var out []dossier.File
	err := a.store.Tx(ctx, func(tx *store.Q) error {
		o, err := a.ownerFor(ctx, tx, p, t, true)
		if err != nil {
			return err
		}
		zr, err := zip.NewReader(r, size)
		if err != nil {
			return refuseBundle("Tệp không phải gói hồ sơ (ZIP) hợp lệ.")
		}
		inZip := map[string]*zip.File{}
		for _, zf := range zr.File {
			if !zf.FileInfo().IsDir() {
				inZip[zf.Name] = zf
			}
		}
		idx := inZip[dossier.IndexName]
		if idx == nil {
			return refuseBundle("Gói hồ sơ không có danh mục " + dossier.IndexName + ".")
		}
		delete(inZip, dossier.IndexName)
		rc, err := idx.Open()
		if err != nil {
			return refuseBundle("Không đọc được danh mục của gói hồ sơ.")
		}
		entries, err := xlsx.ReadBundleIndex(rc, int64(idx.UncompressedSize64))
		rc.Close()
		if err != nil {
			return refuseBundle("Danh mục của gói hồ sơ không đọc được: " + messageOf(err))
		}
		seen := map[string]bool{}
		for _, e := range entries {
			zf := inZip[e.Path]
			switch {
			case seen[e.Path]:
				return refuseBundle(fmt.Sprintf("Danh mục liệt kê tệp %s hai lần.", e.Path))
			case zf == nil:
				return refuseBundle(fmt.Sprintf("Danh mục liệt kê tệp %s nhưng gói không có tệp này.", e.Path))
			case !dossier.Allowed(t.Owner, e.Part):
				return refuseBundle(fmt.Sprintf("Tệp %s thuộc thành phần %q, không thuộc hồ sơ này.", e.Path, e.Part))
			}
			seen[e.Path] = true
			body, err := zf.Open()
			if err != nil {
				return refuseBundle(fmt.Sprintf("Không đọc được tệp %s trong gói.", e.Path))
			}
			f, sum, err := a.storeFile(ctx, tx, p, o, e.Part, e.Name, 0, body)
			body.Close()
			if err != nil {
				if fe, ok := errs.As(err); ok && fe.Fields["file"] != "" {
					return refuseBundle(fmt.Sprintf("Tệp %s: %s", e.Path, fe.Fields["file"]))
				}
				return err
			}
			if dossier.Hex(sum) != e.SHA256 || f.Size != e.Size {
				return refuseBundle(fmt.Sprintf("Tệp %s không khớp danh mục (SHA-256 hoặc dung lượng khác): gói hồ sơ đã bị thay đổi hoặc hỏng.", e.Path))
			}
			out = append(out, f)
		}
		var extra []string
		for name := range inZip {
			if !seen[name] {
				extra = append(extra, name)
			}
		}
		if len(extra) > 0 {
			return refuseBundle("Gói có tệp không có trong danh mục: " + strings.Join(extra, ", ") + ".")
		}
		if len(out) == 0 {
			return refuseBundle("Gói hồ sơ không có tệp nào.")
		}
		return nil
	})
	return out, err
}

func refuseBundle(msg string) error {
	return errs.Fields{"file": msg + " Chưa có tệp nào được lưu."}.Err()
}

// messageOf is what err says to a user.
func messageOf(err error) string {
	if e, ok := errs.As(err); ok {
		if m := e.Fields["file"]; m != "" {
			return m
		}
		return e.Message
	}
	return err.Error()
}
