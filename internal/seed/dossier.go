package seed

import (
	"bytes"
	"context"
	"fmt"

	"thidua/internal/app"
	"thidua/internal/auth"
	"thidua/internal/dossier"
	"thidua/internal/dossier/sample"
)

// CompleteDossier uploads, as by, a one-page PDF for every part the
// dossier of proposal id still lacks, so it can be sent up: the demo's
// proposals carry their tờ trình, biên bản and báo cáo like real ones, and
// tests that submit proposals use it to arrange a complete dossier.
func CompleteDossier(ctx context.Context, a *app.App, by auth.Principal, id int64) error {
	t := app.AttachmentTarget{Owner: dossier.OfProposal, OwnerID: id}
	v, err := a.Dossier(ctx, by, t)
	if err != nil {
		return err
	}
	for _, r := range v.Missing {
		name := fmt.Sprintf("%s - đề nghị %d.pdf", r.Part.Label(), id)
		body := sample.PDF(fmt.Sprintf("%s - de nghi %d (du lieu mau)", dossier.Slug(r.Part.Label()), id), 0)
		if _, err := a.UploadAttachment(ctx, by, app.AttachmentUpload{AttachmentTarget: t, Part: r.Part, Name: name}, bytes.NewReader(body)); err != nil {
			return fmt.Errorf("dossier of proposal %d, %s: %w", id, r.Part, err)
		}
	}
	return nil
}
