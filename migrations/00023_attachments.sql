-- Attachments (tệp đính kèm) of a proposal's dossier, of a decision and of
-- a self-assessment entry: the bytes in PostgreSQL, in chunks written as
-- they are read, with their SHA-256. Nothing is overwritten or deleted: a
-- new upload of the same document is a new version (doc_no stays, version
-- grows), and the dossier shows the latest version of each document.

-- +goose Up
CREATE TABLE attachments (
    id           bigserial PRIMARY KEY,
    owner_kind   text NOT NULL CHECK (owner_kind IN ('proposal', 'decision', 'entry')),
    owner_id     bigint NOT NULL,                -- proposals.id, decisions.id or assessments.id
    criterion_id bigint REFERENCES criteria (id), -- the entry's criterion (owner_kind 'entry')
    doc_no       integer NOT NULL CHECK (doc_no > 0),   -- the document within its owner
    version      integer NOT NULL CHECK (version > 0),  -- 1, then one more per new upload
    part         text NOT NULL CHECK (part <> ''),      -- tờ trình, biên bản … (dossier.Part)
    file_name    text NOT NULL CHECK (file_name <> ''),
    kind         text NOT NULL CHECK (kind IN ('pdf', 'docx', 'jpeg', 'png')),
    size         bigint NOT NULL CHECK (size > 0),
    sha256       bytea NOT NULL CHECK (length(sha256) = 32),
    uploaded_by  bigint REFERENCES users (id),
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT attachments_entry CHECK ((owner_kind = 'entry') = (criterion_id IS NOT NULL)),
    UNIQUE (owner_kind, owner_id, doc_no, version)
);
CREATE INDEX attachments_owner_idx ON attachments (owner_kind, owner_id);

-- The bytes, 256 KiB a row. The reference to the attachment is checked at
-- commit: the chunks are written while the file is read, the attachment
-- row once its size and hash are known, in the same transaction.
CREATE TABLE attachment_chunks (
    attachment_id bigint NOT NULL REFERENCES attachments (id) DEFERRABLE INITIALLY DEFERRED,
    seq           integer NOT NULL CHECK (seq >= 0),
    data          bytea NOT NULL,
    PRIMARY KEY (attachment_id, seq)
);
-- The chunks are already compressed formats (PDF streams, DOCX zips,
-- JPEG, PNG): TOAST would spend time compressing them for nothing.
ALTER TABLE attachment_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

-- +goose Down
DROP TABLE attachment_chunks;
DROP TABLE attachments;
