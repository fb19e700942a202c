-- Scheduling requests: what a delegation's programme should contain before it is placed in
-- time (a `Request` as JSON in `body`). `position` is the scheduler's own order of the list
-- (the UI's drag order); `version` is the optimistic concurrency counter every record
-- carries. Requests go with their delegation.
CREATE TABLE requests (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    body          TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX requests_by_delegation ON requests(delegation_id, position);
