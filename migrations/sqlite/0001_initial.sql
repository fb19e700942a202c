-- Itinera schema, version 1 (SQLite). Append-only: never edit an applied migration.
--
-- Each aggregate is a table with its human key, an optimistic-concurrency version and the
-- entity's JSON body (the same serde form plan files use). What the database must enforce
-- by itself lives in columns: parent links (cascade), item times (UTC epoch seconds) and the
-- `bookings` derived from each item, on which a trigger forbids two confirmed bookings of one
-- venue, host or interpreter from overlapping — so two writers racing cannot both win.

CREATE TABLE settings (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    body TEXT NOT NULL
);

CREATE TABLE sites (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    version    INTEGER NOT NULL DEFAULT 1,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE travel_times (
    from_site INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    to_site   INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    minutes   INTEGER NOT NULL CHECK (minutes >= 0),
    PRIMARY KEY (from_site, to_site)
);

CREATE TABLE venues (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    site_id    INTEGER NOT NULL REFERENCES sites(id) ON DELETE RESTRICT,
    version    INTEGER NOT NULL DEFAULT 1,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE hosts (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    version    INTEGER NOT NULL DEFAULT 1,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE interpreters (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,
    version    INTEGER NOT NULL DEFAULT 1,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE delegations (
    id           INTEGER PRIMARY KEY,
    key          TEXT NOT NULL UNIQUE,
    arrival_at   INTEGER NOT NULL,
    departure_at INTEGER NOT NULL CHECK (departure_at > arrival_at),
    version      INTEGER NOT NULL DEFAULT 1,
    body         TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE members (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    precedence    INTEGER NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    body          TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX members_by_delegation ON members(delegation_id, precedence);

CREATE TABLE items (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    delegation_id INTEGER NOT NULL REFERENCES delegations(id) ON DELETE CASCADE,
    venue_id      INTEGER REFERENCES venues(id) ON DELETE RESTRICT,
    status        TEXT NOT NULL CHECK (status IN ('tentative', 'confirmed', 'cancelled')),
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    version       INTEGER NOT NULL DEFAULT 1,
    body          TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX items_by_delegation ON items(delegation_id, starts_at);

CREATE TABLE bookings (
    item_id       INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    resource_kind TEXT NOT NULL CHECK (resource_kind IN ('venue', 'host', 'interpreter')),
    resource_key  TEXT NOT NULL,
    starts_at     INTEGER NOT NULL,
    ends_at       INTEGER NOT NULL CHECK (ends_at > starts_at),
    confirmed     INTEGER NOT NULL CHECK (confirmed IN (0, 1)),
    PRIMARY KEY (item_id, resource_kind, resource_key)
);
CREATE INDEX bookings_by_resource ON bookings(resource_kind, resource_key, starts_at);

-- Half-open intervals: back-to-back bookings (10:00–11:00, 11:00–12:00) do not overlap.
CREATE TRIGGER bookings_confirmed_no_overlap_insert
BEFORE INSERT ON bookings
WHEN NEW.confirmed = 1
BEGIN
    SELECT RAISE(ABORT, 'itinera_booking_overlap')
    WHERE EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.confirmed = 1
          AND b.resource_kind = NEW.resource_kind
          AND b.resource_key = NEW.resource_key
          AND b.item_id <> NEW.item_id
          AND b.starts_at < NEW.ends_at
          AND b.ends_at > NEW.starts_at
    );
END;

CREATE TRIGGER bookings_confirmed_no_overlap_update
BEFORE UPDATE ON bookings
WHEN NEW.confirmed = 1
BEGIN
    SELECT RAISE(ABORT, 'itinera_booking_overlap')
    WHERE EXISTS (
        SELECT 1 FROM bookings b
        WHERE b.confirmed = 1
          AND b.resource_kind = NEW.resource_kind
          AND b.resource_key = NEW.resource_key
          AND b.item_id <> NEW.item_id
          AND b.starts_at < NEW.ends_at
          AND b.ends_at > NEW.starts_at
    );
END;
