package award

import (
	"math/rand/v2"
	"testing"
	"time"
)

// sector makes a deterministic sector: n people with five years of
// ratings, initiatives, awards and now and then a discipline.
func sector(n int) []Person {
	r := rand.New(rand.NewPCG(2026, 15000))
	ratings := []Rating{XuatSac, Tot, Tot, Tot, HoanThanh}
	out := make([]Person, n)
	for i := range out {
		p := Person{ID: int64(i + 1), Name: "Cán bộ", Ratings: map[int]Rating{}, RecruitedOn: recruitedLongAgo}
		for y := 2022; y <= 2026; y++ {
			p.Ratings[y] = ratings[r.IntN(len(ratings))]
			if r.IntN(3) == 0 {
				p.Initiatives = append(p.Initiatives, Initiative{Year: y, Level: CapCoSo, Applied: true})
			}
			if r.IntN(2) == 0 {
				p.Awards = append(p.Awards, Held{Year: y, Title: LaoDongTienTien, Kind: Merit})
			}
			if r.IntN(6) == 0 {
				p.Awards = append(p.Awards, Held{Year: y, Title: ChienSiThiDuaCoSo, Kind: Merit})
			}
		}
		if r.IntN(40) == 0 {
			p.RecruitedOn = time.Time{} // not in the record: chưa đủ thông tin
		}
		if r.IntN(50) == 0 {
			p.Disciplines = append(p.Disciplines, Discipline{Measure: KhienTrach, From: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)})
		}
		out[i] = p
	}
	return out
}

// BenchmarkSectorVerdicts: every individual title's verdict for the whole
// sector (15 000 people with five years of history) under one rule set.
func BenchmarkSectorVerdicts(b *testing.B) {
	people := sector(15000)
	rs := RulesFor(time.Date(2026, 12, 15, 0, 0, 0, 0, time.UTC))
	vote := Vote{Electorate: 20, For: 19}
	b.ReportAllocs()
	for b.Loop() {
		eligible := 0
		for _, p := range people {
			for _, v := range []Verdict{rs.LaoDongTienTien(p, 2026), rs.ChienSiThiDuaCoSo(p, 2026),
				rs.ChienSiThiDuaNganh(p, 2026, vote), rs.ChienSiThiDuaToanQuoc(p, 2026)} {
				if v.Outcome == Eligible {
					eligible++
				}
			}
		}
		if eligible == 0 {
			b.Fatal("no one eligible: the generator is wrong")
		}
	}
	b.ReportMetric(float64(len(people)*4), "verdicts/op")
}
