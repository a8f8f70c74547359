package app_test

import (
	"bytes"
	"context"
	"io"
	"runtime/metrics"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/award"
	"thidua/internal/dbtest"
	"thidua/internal/dossier"
	"thidua/internal/dossier/sample"
	"thidua/internal/seed"
	"thidua/internal/store"
)

// BenchmarkDossier200Files5MB uploads 200 files of 5 MB into ten
// proposals' dossiers and downloads them all again, through the app
// (dossier/app: authorised, sniffed, hashed, streamed in 256 KiB chunks,
// audited), beside the bare driver doing the same bytes as one bytea per
// file: one INSERT each, then one SELECT each (dossier/bare). Besides
// B/op it reports peak-heap-MB, the largest live heap seen during the
// operation: the app's stays flat whatever the file size, the bare
// driver's holds each whole file (and its encoded copy) in memory.
func BenchmarkDossier200Files5MB(b *testing.B) {
	const files, size = 200, 5 << 20
	ctx, h := context.Background(), auth.Hasher{Cost: bcrypt.MinCost}
	s := dbtest.NewSeeded(b, "demo", func(ctx context.Context, s *store.Store) error { return seed.Demo(ctx, s, h, seed.FixtureClock) })
	a := app.New(s, h, app.FixedClock(seed.FixtureClock))
	// Ten draft proposals of a unit, 20 files (100 MB) each: a record
	// holds at most limits.MaxDossierBytes.
	officer, err := s.UserByName(ctx, "canbo.thanhhoa")
	if err != nil {
		b.Fatal(err)
	}
	th, err := s.UnitByCode(ctx, seed.ProvinceCode("Thanh Hóa"))
	if err != nil {
		b.Fatal(err)
	}
	var targets []app.AttachmentTarget
	for y := 2040; y < 2050; y++ {
		pr, err := a.CreateProposal(ctx, officer.Principal(), app.ProposalInput{Year: y, ProposerUnitID: th.ID, Title: string(award.GiayKhen)})
		if err != nil {
			b.Fatal(err)
		}
		targets = append(targets, app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: pr.ID})
	}
	file := sample.PDF("Minh chung", size-1000)
	db := s.SQL()
	if _, err := db.ExecContext(ctx, `CREATE TABLE bench_blobs (id bigserial PRIMARY KEY, data bytea NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	for _, q := range []string{`ALTER TABLE bench_blobs ALTER COLUMN data SET STORAGE EXTERNAL`} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			b.Fatal(err)
		}
	}
	clean := func(b *testing.B) {
		b.Helper()
		// The audit rows stay: the change history is append-only (00024).
		for _, q := range []string{`DELETE FROM attachment_chunks`, `DELETE FROM attachments`, `DELETE FROM bench_blobs`} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				b.Fatal(err)
			}
		}
	}
	run := func(b *testing.B, op func()) {
		for b.Loop() {
			peak := watchHeap()
			op()
			b.ReportMetric(peak()/(1<<20), "peak-heap-MB")
			b.StopTimer()
			clean(b)
			b.StartTimer()
		}
		b.SetBytes(2 * files * int64(len(file)))
	}
	b.Run("dossier/app", func(b *testing.B) {
		run(b, func() {
			ids := make([]int64, 0, files)
			for i := range files {
				f, err := a.UploadAttachment(ctx, officer.Principal(), app.AttachmentUpload{AttachmentTarget: targets[i%len(targets)],
					Part: dossier.MinhChung, Name: "Minh chứng.pdf"}, bytes.NewReader(file))
				if err != nil {
					b.Fatal(err)
				}
				ids = append(ids, f.ID)
			}
			for _, id := range ids {
				f, err := a.OpenAttachment(ctx, officer.Principal(), id)
				if err != nil {
					b.Fatal(err)
				}
				if err := f.WriteTo(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	b.Run("dossier/bare", func(b *testing.B) {
		run(b, func() {
			ids := make([]int64, 0, files)
			for range files {
				var id int64
				if err := db.QueryRowContext(ctx, `INSERT INTO bench_blobs (data) VALUES ($1) RETURNING id`, file).Scan(&id); err != nil {
					b.Fatal(err)
				}
				ids = append(ids, id)
			}
			for _, id := range ids {
				var data []byte
				if err := db.QueryRowContext(ctx, `SELECT data FROM bench_blobs WHERE id = $1`, id).Scan(&data); err != nil || len(data) != len(file) {
					b.Fatal(err, len(data))
				}
			}
		})
	})
}

// watchHeap samples the live heap every few milliseconds until the
// returned function is called, which gives the largest seen, in bytes.
func watchHeap() func() float64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	go func() {
		defer close(done)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			metrics.Read(sample)
			if v := sample[0].Value.Uint64(); v > peak.Load() {
				peak.Store(v)
			}
			select {
			case <-stop:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(stop)
		<-done
		return float64(peak.Load())
	}
}
