package store

import (
	"context"
	"database/sql"
	"io"
	"time"

	"thidua/internal/dossier"
	"thidua/internal/errs"
)

// ChunkSize is the bytes of one attachment_chunks row: every chunk but the
// last holds exactly this many, so a byte's chunk is its offset / ChunkSize.
const ChunkSize = 256 << 10

type attachmentRow struct {
	ID             int64
	OwnerKind      string
	OwnerID        int64
	CriterionID    *int64
	DocNo          int
	Version        int
	Part           string
	FileName       string
	Kind           string
	Size           int64
	SHA256         []byte `gorm:"column:sha256"`
	UploadedBy     *int64
	CreatedAt      time.Time
	Signature      string
	SignatureValid bool
}

func (attachmentRow) TableName() string { return "attachments" }

func (r attachmentRow) file() dossier.File {
	return dossier.File{ID: r.ID, Owner: dossier.Owner(r.OwnerKind), OwnerID: r.OwnerID, CriterionID: r.CriterionID,
		DocNo: r.DocNo, Version: r.Version, Part: dossier.Part(r.Part), Name: r.FileName, Kind: dossier.Kind(r.Kind),
		Size: r.Size, SHA256: r.SHA256, UploadedBy: r.UploadedBy, CreatedAt: r.CreatedAt,
		Signature: r.Signature, SignatureValid: r.SignatureValid}
}

// NewAttachmentID reserves the id of an attachment whose chunks are about
// to be written (WriteChunk) before its row (CreateAttachment).
func (s *Q) NewAttachmentID(ctx context.Context) (int64, error) {
	var id int64
	err := s.db.WithContext(ctx).Raw("SELECT nextval('attachments_id_seq')").Scan(&id).Error
	return id, err
}

// WriteChunk stores chunk seq of attachment id.
func (s *Q) WriteChunk(ctx context.Context, id int64, seq int, data []byte) error {
	return s.db.WithContext(ctx).Exec("INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)", id, seq, data).Error
}

// CreateAttachment stores the row of attachment f.ID, whose chunks are
// written: a new document of its owner (DocNo 0) or the next version of
// document f.DocNo.
func (s *Q) CreateAttachment(ctx context.Context, f dossier.File) (dossier.File, error) {
	db := s.db.WithContext(ctx)
	if f.DocNo == 0 {
		if err := db.Raw("SELECT coalesce(max(doc_no), 0) + 1 FROM attachments WHERE owner_kind = ? AND owner_id = ?",
			f.Owner, f.OwnerID).Scan(&f.DocNo).Error; err != nil {
			return f, err
		}
		f.Version = 1
	} else {
		var last struct {
			Version     int
			Part        string
			CriterionID *int64
		}
		if err := db.Raw("SELECT version, part, criterion_id FROM attachments WHERE owner_kind = ? AND owner_id = ? AND doc_no = ? ORDER BY version DESC LIMIT 1",
			f.Owner, f.OwnerID, f.DocNo).Scan(&last).Error; err != nil {
			return f, err
		}
		if last.Version == 0 {
			return f, errs.Fields{"doc_no": "Không tìm thấy tài liệu cần thay bằng phiên bản mới."}.Err()
		}
		f.Version, f.Part, f.CriterionID = last.Version+1, dossier.Part(last.Part), last.CriterionID
	}
	r := attachmentRow{ID: f.ID, OwnerKind: string(f.Owner), OwnerID: f.OwnerID, CriterionID: f.CriterionID, DocNo: f.DocNo,
		Version: f.Version, Part: string(f.Part), FileName: f.Name, Kind: string(f.Kind), Size: f.Size, SHA256: f.SHA256, UploadedBy: f.UploadedBy,
		Signature: f.Signature, SignatureValid: f.SignatureValid}
	if err := db.Omit("CreatedAt").Create(&r).Error; err != nil {
		if isUniqueViolation(err, "") {
			return f, errs.New(errs.Conflict, "Một tệp khác vừa được tải lên cho cùng tài liệu. Vui lòng xem lại hồ sơ và tải lên lại.")
		}
		return f, err
	}
	return s.Attachment(ctx, r.ID)
}

// Attachment is one attachment (one version of a document).
func (s *Q) Attachment(ctx context.Context, id int64) (dossier.File, error) {
	var r attachmentRow
	if err := s.db.WithContext(ctx).Take(&r, id).Error; err != nil {
		return dossier.File{}, notFound(err, "tệp đính kèm")
	}
	return r.file(), nil
}

// Attachments are every version of every document of a record, by
// document then version.
func (s *Q) Attachments(ctx context.Context, owner dossier.Owner, ownerID int64) ([]dossier.File, error) {
	var rows []attachmentRow
	if err := s.db.WithContext(ctx).Where("owner_kind = ? AND owner_id = ?", owner, ownerID).
		Order("doc_no, version").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]dossier.File, len(rows))
	for i, r := range rows {
		out[i] = r.file()
	}
	return out, nil
}

// DossierBytes is what the files of a record hold together, every version.
func (s *Q) DossierBytes(ctx context.Context, owner dossier.Owner, ownerID int64) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Raw("SELECT coalesce(sum(size), 0) FROM attachments WHERE owner_kind = ? AND owner_id = ?",
		owner, ownerID).Scan(&n).Error
	return n, err
}

// StreamAttachment writes the bytes of attachment id to w, one chunk in
// memory at a time.
func (s *Q) StreamAttachment(ctx context.Context, id int64, w io.Writer) error {
	rows, err := s.db.WithContext(ctx).Raw("SELECT data FROM attachment_chunks WHERE attachment_id = ? ORDER BY seq", id).Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	return rows.Err()
}

// AttachmentReader reads the stored bytes of attachment id (size bytes) at
// any offset, holding one chunk in memory: for a zip, read from its end.
func (s *Q) AttachmentReader(ctx context.Context, id, size int64) io.ReaderAt {
	return &chunkReader{q: s, ctx: ctx, id: id, size: size, seq: -1}
}

type chunkReader struct {
	q    *Q
	ctx  context.Context
	id   int64
	size int64
	seq  int64
	buf  []byte
}

func (c *chunkReader) ReadAt(p []byte, off int64) (int, error) {
	n := 0
	for n < len(p) {
		if off >= c.size {
			return n, io.EOF
		}
		if seq := off / ChunkSize; seq != c.seq {
			c.buf = c.buf[:0]
			if err := c.q.db.WithContext(c.ctx).Raw("SELECT data FROM attachment_chunks WHERE attachment_id = ? AND seq = ?",
				c.id, seq).Row().Scan(&c.buf); err != nil {
				return n, err
			}
			c.seq = seq
		}
		k := copy(p[n:], c.buf[off%ChunkSize:])
		if k == 0 {
			return n, io.ErrUnexpectedEOF
		}
		n += k
		off += int64(k)
	}
	return n, nil
}

// AssessmentOf is the year and unit of filing (assessment) id.
func (s *Q) AssessmentOf(ctx context.Context, id int64) (year int, unitID int64, err error) {
	var r struct {
		Year   int
		UnitID int64
	}
	if err := s.db.WithContext(ctx).Raw("SELECT year, unit_id FROM assessments WHERE id = ?", id).Scan(&r).Error; err != nil {
		return 0, 0, err
	}
	if r.UnitID == 0 {
		return 0, 0, errs.New(errs.NotFound, "Không tìm thấy bản tự chấm điểm.")
	}
	return r.Year, r.UnitID, nil
}
