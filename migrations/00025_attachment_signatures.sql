-- The digital signatures of an uploaded PDF, checked once as it is stored
-- (internal/pdfsig against the configured roots): the line shown beside
-- the file ("Đã ký số bởi … lúc …", or why a signature fails) and whether
-- every signature holds. Empty for unsigned files and other kinds.

-- +goose Up
ALTER TABLE attachments ADD COLUMN signature text NOT NULL DEFAULT '',
    ADD COLUMN signature_valid boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE attachments DROP COLUMN signature_valid, DROP COLUMN signature;
