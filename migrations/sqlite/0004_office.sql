-- The office's own settings, printed in the header of every document: the institution's name
-- (a LocalizedText as JSON, so a guest copy picks the name in its languages) and its logo
-- (PNG bytes, checked before they are written). One row at most; `version` is the optimistic
-- concurrency counter every other record carries.
CREATE TABLE office (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    version     INTEGER NOT NULL DEFAULT 1,
    institution TEXT NOT NULL,
    logo_png    BLOB,
    updated_at  TEXT NOT NULL
);
