package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/labstack/echo/v4"

	"thidua/internal/app"
	"thidua/internal/cluster"
	"thidua/internal/org"
	"thidua/internal/scoring"
	"thidua/internal/store"
)

// The filing view is the API's largest and most requested answer (every
// save returns it): written field by field here, it costs a fraction of
// encoding/json's reflection. The bytes are encoding/json's, as Echo's
// c.JSON sends them (HTML-escaped strings, its float format, map keys in
// string order, a final newline); TestFilingJSON holds the two together.
// Whatever this writer does not handle the same way (a NaN, a time
// encoding/json refuses, ?pretty) goes to c.JSON itself.

var errFilingJSON = errors.New("filing view: not for the fast writer")

// filingJSON answers v as c.JSON(status, v) would.
func filingJSON(c echo.Context, status int, v app.FilingView) error {
	if _, pretty := c.QueryParams()["pretty"]; pretty || c.Echo().Debug {
		return c.JSON(status, v)
	}
	buf := jsonBuffers.Get().(*[]byte)
	b, err := appendFilingView((*buf)[:0], v)
	if err != nil {
		jsonBuffers.Put(buf)
		return c.JSON(status, v)
	}
	b = append(b, '\n')
	err = c.Blob(status, echo.MIMEApplicationJSON, b)
	if cap(b) <= maxPooledBuffer {
		*buf = b
		jsonBuffers.Put(buf)
	}
	return err
}

// jsonBuffers keep the writer's bytes between answers.
var jsonBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 32<<10); return &b }}

// appendFilingView appends v as encoding/json writes it, or fails with
// errFilingJSON.
func appendFilingView(b []byte, v app.FilingView) ([]byte, error) {
	w := jw{b: b}
	w.raw(`{"unit":`)
	w.unit(v.Unit)
	w.raw(`,"table_info":`)
	w.tableInfo(v.Info)
	w.raw(`,"table":`)
	w.table(v.Table)
	w.raw(`,"filing":`)
	w.filing(v.Filing)
	w.raw(`,"adjustments":`)
	w.adjustments(v.Adjustments)
	w.raw(`,"self_result":`)
	w.result(v.Self)
	w.raw(`,"reviewed_result":`)
	w.result(v.Reviewed)
	w.raw(`,"cluster":`)
	w.cluster(v.Cluster)
	w.raw(`,"deadline":`)
	w.timePtr(v.Deadline)
	w.raw(`,"deadline_extension":`)
	w.extension(v.Extension)
	w.raw(`,"can_edit":`)
	w.bool(v.CanEdit)
	w.raw(`,"can_review":`)
	w.bool(v.CanReview)
	w.raw(`,"closed":`)
	w.bool(v.Closed)
	w.raw(`}`)
	if w.bad {
		return nil, errFilingJSON
	}
	return w.b, nil
}

// jw appends JSON; bad is set by a value it cannot write as
// encoding/json does.
type jw struct {
	b   []byte
	bad bool
}

func (w *jw) raw(s string) { w.b = append(w.b, s...) }

func (w *jw) bool(v bool) { w.b = strconv.AppendBool(w.b, v) }

func (w *jw) int(v int64) { w.b = strconv.AppendInt(w.b, v, 10) }

func (w *jw) intPtr(v *int64) {
	if v == nil {
		w.raw("null")
		return
	}
	w.int(*v)
}

// float is encoding/json's floatEncoder for float64.
func (w *jw) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.bad = true
		return
	}
	abs, format := math.Abs(f), byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	w.b = strconv.AppendFloat(w.b, f, format, -1, 64)
	if format == 'e' { // e-09 to e-9
		if n := len(w.b); n >= 4 && w.b[n-4] == 'e' && w.b[n-3] == '-' && w.b[n-2] == '0' {
			w.b[n-2] = w.b[n-1]
			w.b = w.b[:n-1]
		}
	}
}

func (w *jw) floatPtr(v *float64) {
	if v == nil {
		w.raw("null")
		return
	}
	w.float(*v)
}

// str writes s quoted; a string that needs escaping is left to
// encoding/json.
func (w *jw) str(s string) {
	if !jsonPlain(s) {
		q, err := json.Marshal(s)
		if err != nil {
			w.bad = true
			return
		}
		w.b = append(w.b, q...)
		return
	}
	w.b = append(w.b, '"')
	w.b = append(w.b, s...)
	w.b = append(w.b, '"')
}

// jsonPlain: encoding/json writes s as it is between quotes (valid UTF-8,
// nothing it escapes: controls, quote, backslash, <, >, &, U+2028/9).
func jsonPlain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || r == '\u2028' || r == '\u2029' {
			return false
		}
		i += size
	}
	return true
}

// time writes t as its MarshalJSON does (encoding/json calls it).
func (w *jw) time(t time.Time) {
	b, err := t.MarshalJSON()
	if err != nil {
		w.bad = true
		return
	}
	w.b = append(w.b, b...)
}

func (w *jw) timePtr(t *time.Time) {
	if t == nil {
		w.raw("null")
		return
	}
	w.time(*t)
}

func (w *jw) unit(u org.Unit) {
	w.raw(`{"id":`)
	w.int(u.ID)
	w.raw(`,"code":`)
	w.str(u.Code)
	w.raw(`,"name":`)
	w.str(u.Name)
	w.raw(`,"type":`)
	w.str(string(u.Type))
	w.raw(`,"parent_id":`)
	w.intPtr(u.ParentID)
	w.raw(`,"valid_from":`)
	w.time(u.ValidFrom)
	w.raw(`,"valid_to":`)
	w.timePtr(u.ValidTo)
	w.raw(`,"note":`)
	w.str(u.Note)
	w.raw(`,"version":`)
	w.int(int64(u.Version))
	w.raw(`}`)
}

func (w *jw) tableInfo(t scoring.TableInfo) {
	w.raw(`{"id":`)
	w.int(t.ID)
	w.raw(`,"year":`)
	w.int(int64(t.Year))
	w.raw(`,"name":`)
	w.str(t.Name)
	w.raw(`,"kind":`)
	w.str(t.Kind)
	w.raw(`,"level":`)
	w.str(t.Level)
	w.raw(`,"unit_type":`)
	w.str(t.UnitType)
	w.raw(`,"cluster_id":`)
	w.intPtr(t.ClusterID)
	w.raw(`,"version_no":`)
	w.int(int64(t.VersionNo))
	w.raw(`,"previous_id":`)
	w.intPtr(t.PreviousID)
	w.raw(`,"change_reason":`)
	w.str(t.ChangeReason)
	w.raw(`,"superseded":`)
	w.bool(t.Superseded)
	w.raw(`,"version":`)
	w.int(int64(t.Version))
	w.raw(`,"frozen":`)
	w.bool(t.Frozen)
	w.raw(`,"created_at":`)
	w.time(t.CreatedAt)
	w.raw(`}`)
}

func (w *jw) table(t scoring.Table) {
	w.raw(`{"id":`)
	w.int(t.ID)
	w.raw(`,"year":`)
	w.int(int64(t.Year))
	w.raw(`,"name":`)
	w.str(t.Name)
	w.raw(`,"criteria":`)
	if t.Criteria == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, c := range t.Criteria {
			if i > 0 {
				w.raw(",")
			}
			w.criterion(c)
		}
		w.raw("]")
	}
	w.raw(`}`)
}

func (w *jw) criterion(c scoring.Criterion) {
	w.raw(`{"id":`)
	w.int(c.ID)
	w.raw(`,"parent_id":`)
	w.int(c.ParentID)
	w.raw(`,"code":`)
	w.str(c.Code)
	w.raw(`,"name":`)
	w.str(c.Name)
	w.raw(`,"method":`)
	w.str(string(c.Method))
	w.raw(`,"max":`)
	w.float(c.Max)
	w.raw(`,"numerator":`)
	w.str(c.Numerator)
	w.raw(`,"denominator":`)
	w.str(c.Denominator)
	w.raw(`,"direction":`)
	w.str(string(c.Direction))
	w.raw(`,"target_na":`)
	w.floatPtr(c.TargetNA)
	w.raw(`,"target_sector":`)
	w.floatPtr(c.TargetSector)
	w.raw(`,"exceed_bonus":`)
	w.float(c.ExceedBonus)
	w.raw(`,"below":`)
	w.str(string(c.Below))
	w.raw(`,"order":`)
	w.int(int64(c.Order))
	w.raw(`}`)
}

// sortedKeys are a map's keys in encoding/json's order: by their decimal
// text, not by value.
func sortedKeys[V any](m map[int64]V) []int64 {
	type keyText struct {
		id   int64
		n    int
		text [20]byte
	}
	keys := make([]keyText, 0, len(m))
	for id := range m {
		k := keyText{id: id}
		k.n = len(strconv.AppendInt(k.text[:0], id, 10))
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b keyText) int { return bytes.Compare(a.text[:a.n], b.text[:b.n]) })
	out := make([]int64, len(keys))
	for i, k := range keys {
		out[i] = k.id
	}
	return out
}

// key opens a map member: "id":
func (w *jw) key(id int64, first bool) {
	if !first {
		w.raw(",")
	}
	w.raw(`"`)
	w.int(id)
	w.raw(`":`)
}

func (w *jw) filing(f scoring.Filing) {
	w.raw(`{"id":`)
	w.int(f.ID)
	w.raw(`,"table_id":`)
	w.int(f.TableID)
	w.raw(`,"unit_id":`)
	w.int(f.UnitID)
	w.raw(`,"year":`)
	w.int(int64(f.Year))
	w.raw(`,"status":`)
	w.str(string(f.Status))
	w.raw(`,"submitted_at":`)
	w.timePtr(f.SubmittedAt)
	w.raw(`,"returned_at":`)
	w.timePtr(f.ReturnedAt)
	w.raw(`,"return_reason":`)
	w.str(f.ReturnReason)
	w.raw(`,"reviewed_at":`)
	w.timePtr(f.ReviewedAt)
	w.raw(`,"self":`)
	if f.Self == nil {
		w.raw("null")
	} else {
		w.raw("{")
		for i, id := range sortedKeys(f.Self) {
			w.key(id, i == 0)
			w.entry(f.Self[id])
		}
		w.raw("}")
	}
	w.raw(`,"review":`)
	if f.Review == nil {
		w.raw("null")
	} else {
		w.raw("{")
		for i, id := range sortedKeys(f.Review) {
			w.key(id, i == 0)
			w.review(f.Review[id])
		}
		w.raw("}")
	}
	w.raw(`,"version":`)
	w.int(int64(f.Version))
	w.raw(`}`)
}

func (w *jw) entry(e scoring.Entry) {
	w.raw(`{"criterion_id":`)
	w.int(e.CriterionID)
	w.raw(`,"score":`)
	w.floatPtr(e.Score)
	w.raw(`,"numerator":`)
	w.floatPtr(e.Numerator)
	w.raw(`,"denominator":`)
	w.floatPtr(e.Denominator)
	w.raw(`,"not_arisen":`)
	w.bool(e.NotArisen)
	w.raw(`,"explanation":`)
	w.str(e.Explanation)
	w.raw(`,"evidence":`)
	w.str(e.Evidence)
	w.raw(`}`)
}

func (w *jw) review(r scoring.Review) {
	w.raw(`{"score":`)
	w.floatPtr(r.Score)
	w.raw(`,"numerator":`)
	w.floatPtr(r.Numerator)
	w.raw(`,"denominator":`)
	w.floatPtr(r.Denominator)
	w.raw(`,"not_arisen":`)
	w.bool(r.NotArisen)
	w.raw(`,"comment":`)
	w.str(r.Comment)
	w.raw(`}`)
}

func (w *jw) adjustments(m map[int64]scoring.Adjustment) {
	if m == nil {
		w.raw("null")
		return
	}
	w.raw("{")
	for i, id := range sortedKeys(m) {
		a := m[id]
		w.key(id, i == 0)
		w.raw(`{"criterion_id":`)
		w.int(a.CriterionID)
		w.raw(`,"share":`)
		w.float(a.Share)
		w.raw(`,"reason":`)
		w.str(a.Reason)
		w.raw(`}`)
	}
	w.raw("}")
}

func (w *jw) result(r scoring.Result) {
	w.raw(`{"lines":`)
	if r.Lines == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, l := range r.Lines {
			if i > 0 {
				w.raw(",")
			}
			w.raw(`{"criterion_id":`)
			w.int(l.CriterionID)
			w.raw(`,"max":`)
			w.float(l.Max)
			w.raw(`,"points":`)
			w.float(l.Points)
			w.raw(`,"value":`)
			w.floatPtr(l.Value)
			w.raw(`,"outcome":`)
			w.str(string(l.Outcome))
			w.raw(`,"outcome_na":`)
			w.str(string(l.OutcomeNA))
			w.raw(`,"outcome_sector":`)
			w.str(string(l.OutcomeSec))
			w.raw(`,"excluded":`)
			w.bool(l.Excluded)
			w.raw(`}`)
		}
		w.raw("]")
	}
	w.raw(`,"raw":`)
	w.float(r.Raw)
	w.raw(`,"applicable":`)
	w.float(r.Applicable)
	w.raw(`,"full":`)
	w.float(r.Full)
	w.raw(`,"scaled":`)
	w.float(r.Scaled)
	w.raw(`,"bonus":`)
	w.float(r.Bonus)
	w.raw(`,"deduction":`)
	w.float(r.Deduction)
	w.raw(`,"total":`)
	w.float(r.Total)
	w.raw(`,"achievement":{"arisen":`)
	w.int(int64(r.Arisen))
	w.raw(`,"met":`)
	w.int(int64(r.Met))
	w.raw(`,"exceedable":`)
	w.int(int64(r.Exceedable))
	w.raw(`,"exceeded":`)
	w.int(int64(r.Exceeded))
	w.raw(`}}`)
}

func (w *jw) cluster(c *cluster.Cluster) {
	if c == nil {
		w.raw("null")
		return
	}
	w.raw(`{"id":`)
	w.int(c.ID)
	w.raw(`,"year":`)
	w.int(int64(c.Year))
	w.raw(`,"level":`)
	w.str(string(c.Level))
	w.raw(`,"number":`)
	w.int(int64(c.Number))
	w.raw(`,"name":`)
	w.str(c.Name)
	w.raw(`,"owner_unit_id":`)
	w.intPtr(c.OwnerUnitID)
	w.raw(`,"head_unit_id":`)
	w.intPtr(c.HeadUnitID)
	w.raw(`,"deputy_unit_id":`)
	w.intPtr(c.DeputyUnitID)
	w.raw(`,"suggested_head_unit_id":`)
	w.intPtr(c.SuggestedHeadID)
	w.raw(`,"suggested_deputy_unit_id":`)
	w.intPtr(c.SuggestedDeputyID)
	w.raw(`,"nominated_deputy_unit_id":`)
	w.intPtr(c.NominatedDeputyID)
	w.raw(`,"designation_ref":`)
	w.str(c.DesignationRef)
	w.raw(`,"follower_user_id":`)
	w.intPtr(c.FollowerUserID)
	w.raw(`,"note":`)
	w.str(c.Note)
	w.raw(`,"members":`)
	if c.Members == nil {
		w.raw("null")
	} else {
		w.raw("[")
		for i, m := range c.Members {
			if i > 0 {
				w.raw(",")
			}
			w.int(m)
		}
		w.raw("]")
	}
	w.raw(`,"version":`)
	w.int(int64(c.Version))
	w.raw(`}`)
}

func (w *jw) extension(e *store.DeadlineExtension) {
	if e == nil {
		w.raw("null")
		return
	}
	w.raw(`{"id":`)
	w.int(e.ID)
	w.raw(`,"year":`)
	w.int(int64(e.Year))
	w.raw(`,"unit_id":`)
	w.int(e.UnitID)
	w.raw(`,"unit_name":`)
	w.str(e.UnitName)
	w.raw(`,"kind":`)
	w.str(e.Kind)
	w.raw(`,"until":`)
	w.time(e.Until)
	w.raw(`,"reason":`)
	w.str(e.Reason)
	w.raw(`,"created_by":`)
	w.intPtr(e.CreatedBy)
	w.raw(`,"created_by_name":`)
	w.str(e.FullName)
	w.raw(`,"created_at":`)
	w.time(e.CreatedAt)
	w.raw(`}`)
}
