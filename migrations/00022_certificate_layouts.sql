-- Where each field of a certificate (Bằng khen, Giấy khen) is printed on
-- the pre-printed blank a level buys: positioned once by its board on a
-- calibration sheet, in millimetres from the blank's top-left corner.
-- One layout per issuing level (the unit type that signs the certificate)
-- and kind; fields is a JSON array of document.CertField, checked by the
-- app (internal/document/certificate.go) before every write.

-- +goose Up
CREATE TABLE certificate_layouts (
    level       text NOT NULL CHECK (level IN ('supreme', 'high', 'provincial', 'regional', 'district')),
    kind        text NOT NULL CHECK (kind IN ('bang_khen', 'giay_khen')),
    width_mm    numeric(5, 1) NOT NULL CHECK (width_mm BETWEEN 50 AND 500),
    height_mm   numeric(5, 1) NOT NULL CHECK (height_mm BETWEEN 50 AND 500),
    fields      jsonb NOT NULL,
    version     integer NOT NULL DEFAULT 1,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (level, kind)
);

-- +goose Down
DROP TABLE certificate_layouts;
