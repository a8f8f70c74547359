package xlsx

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"thidua/internal/dossier"
)

// The index workbook of a dossier bundle (dossier.IndexName): one sheet
// listing every file of the ZIP, its part, its SHA-256 and its size, so
// the receiving side can check what it got.

const bundleSheet = "Danh mục hồ sơ"

var bundleHeader = []string{"STT", "Tệp trong gói", "Thuộc", "Thành phần hồ sơ", "Mã thành phần", "Tên tệp gốc", "Phiên bản", "Dung lượng (byte)", "SHA-256"}

// WriteBundleIndex writes the index of entries, under title.
func WriteBundleIndex(w io.Writer, title string, entries []dossier.Entry) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", bundleSheet); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(bundleSheet)
	if err != nil {
		return err
	}
	for i, wd := range []float64{6, 48, 24, 34, 12, 36, 10, 16, 68} {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return err
		}
	}
	r := &rowWriter{sw: sw}
	if err := r.write(24, append([]any{cell(st.docTitle, title)}, blanks(st.docTitle, len(bundleHeader)-1)...)...); err != nil {
		return err
	}
	if err := r.merge(1, len(bundleHeader)); err != nil {
		return err
	}
	head := make([]any, len(bundleHeader))
	for i, h := range bundleHeader {
		head[i] = cell(st.listTh, h)
	}
	if err := r.write(32, head...); err != nil {
		return err
	}
	for i, e := range entries {
		if err := r.write(0, cell(st.listNo, i+1), cell(st.listText, e.Path), cell(st.listText, e.Record),
			cell(st.listText, e.Part.Label()), cell(st.listText, string(e.Part)), cell(st.listText, e.Name),
			cell(st.listNo, e.Version), cell(st.listNo, e.Size), cell(st.listText, e.SHA256)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	if err := printSetup(f, bundleSheet); err != nil {
		return err
	}
	return f.Write(w)
}

// ReadBundleIndex reads the entries of an index written by
// WriteBundleIndex (size bytes from r).
func ReadBundleIndex(r io.Reader, size int64) ([]dossier.Entry, error) {
	var out []dossier.Entry
	bad := func(row int, what string) error {
		return fmt.Errorf("dòng %d của danh mục: %s", row, what)
	}
	err := readWorkbook(r, size, "Danh mục hồ sơ rỗng.", "Danh mục hồ sơ quá lớn.", func(f *excelize.File, _ bool) error {
		rows, err := f.Rows(bundleSheet)
		if err != nil {
			return fmt.Errorf("không có trang %q", bundleSheet)
		}
		defer rows.Close()
		n := 0
		for rows.Next() {
			n++
			cols, err := rows.Columns()
			if err != nil {
				return err
			}
			if n <= 2 {
				if n == 2 && (len(cols) < len(bundleHeader) || cols[1] != bundleHeader[1] || cols[8] != bundleHeader[8]) {
					return bad(n, "không đúng tiêu đề cột của danh mục hồ sơ")
				}
				continue
			}
			if len(cols) == 0 || strings.TrimSpace(strings.Join(cols, "")) == "" {
				continue
			}
			if len(cols) < len(bundleHeader) {
				return bad(n, "thiếu cột")
			}
			e := dossier.Entry{Path: cols[1], Record: cols[2], Part: dossier.Part(cols[4]), Name: cols[5], SHA256: strings.ToLower(cols[8])}
			if e.Version, err = strconv.Atoi(cols[6]); err != nil {
				return bad(n, "phiên bản không phải số")
			}
			if e.Size, err = strconv.ParseInt(cols[7], 10, 64); err != nil {
				return bad(n, "dung lượng không phải số")
			}
			out = append(out, e)
		}
		return rows.Error()
	})
	return out, err
}
