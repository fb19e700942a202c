-- Guest releases: every guest print is release vN of its delegation, with a snapshot of what
-- it showed (for "what changed since v2"). `printed_items` keeps, per item, the fingerprint
-- of what guests last saw, which the conflict rule "changed after printing" compares with.
CREATE TABLE releases (
    id            INTEGER PRIMARY KEY,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL CHECK (number >= 1),
    audience      TEXT NOT NULL,
    released_at   TEXT NOT NULL,
    released_by   TEXT NOT NULL,
    snapshot      TEXT NOT NULL,
    UNIQUE (delegation_id, number)
);

CREATE TABLE printed_items (
    item_key    TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    printed_at  TEXT NOT NULL
);
