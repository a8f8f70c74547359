package proposal

import (
	"time"

	"thidua/internal/errs"
	"thidua/internal/org"
)

// Window is the time in which a year's submitted proposals are published
// for comment (công khai lấy ý kiến), from and until whole days.
type Window struct {
	Year        int       `json:"year"`
	From        time.Time `json:"from"`
	Until       time.Time `json:"until"`
	PublishedBy *int64    `json:"published_by"`
	PublishedAt time.Time `json:"published_at"`
}

// WindowDays is the default length of the window.
const WindowDays = 10

// Open reports whether today is inside the window, both ends included.
func (w Window) Open(today time.Time) bool {
	return !today.Before(org.Day(w.From)) && !today.After(org.Day(w.Until))
}

// CheckComment refuses a comment outside the window.
func (w Window) CheckComment(today time.Time) error {
	if w.Open(today) {
		return nil
	}
	return errs.New(errs.Invalid, "Chỉ nhận góp ý trong thời gian công khai đề nghị khen thưởng năm %d: từ %s đến %s (hôm nay %s).",
		w.Year, org.Day(w.From).Format("02/01/2006"), org.Day(w.Until).Format("02/01/2006"), today.Format("02/01/2006"))
}

// CheckDecide refuses a decision before the window has closed: the
// council waits for the comments.
func (w Window) CheckDecide(today time.Time) error {
	if today.After(org.Day(w.Until)) {
		return nil
	}
	return errs.New(errs.Invalid, "Danh sách đề nghị khen thưởng năm %d đang công khai lấy ý kiến đến hết ngày %s; Hội đồng quyết định sau khi hết thời gian công khai.",
		w.Year, org.Day(w.Until).Format("02/01/2006"))
}

// NewWindow is the window asked for (nil from: today; nil until:
// WindowDays after from), or a message on "until" when it ends before
// it starts.
func NewWindow(year int, today time.Time, from, until *time.Time) (Window, errs.Fields) {
	w := Window{Year: year, From: org.Day(today)}
	if from != nil {
		w.From = org.Day(*from)
	}
	w.Until = w.From.AddDate(0, 0, WindowDays)
	if until != nil {
		w.Until = org.Day(*until)
	}
	f := errs.Fields{}
	if w.Until.Before(w.From) {
		f.Add("until", "Ngày kết thúc công khai phải từ ngày bắt đầu trở đi.")
	}
	return w, f
}
