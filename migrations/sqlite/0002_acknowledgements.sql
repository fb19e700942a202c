-- Accepted warnings. A conflict is identified across re-checks by its code, the sorted keys
-- of its items and its sorted resources (`conflict_id`, canonical JSON); the body is the
-- acknowledgement (reason, who, when).
CREATE TABLE acknowledgements (
    id          INTEGER PRIMARY KEY,
    conflict_id TEXT NOT NULL UNIQUE,
    body        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
