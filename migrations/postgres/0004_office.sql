-- The office's own settings (mirrors migrations/sqlite/0004): the institution's name (a
-- LocalizedText as JSON) and its logo (PNG bytes, checked before they are written). One row
-- at most; `version` is the optimistic concurrency counter every other record carries.
CREATE TABLE office (
    id          BIGINT PRIMARY KEY CHECK (id = 1),
    version     BIGINT NOT NULL DEFAULT 1,
    institution TEXT NOT NULL,
    logo_png    BYTEA,
    updated_at  TEXT NOT NULL
);
