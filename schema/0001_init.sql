-- The journal: every change, domain or administrative, is one event. Never updated, never deleted.
CREATE TABLE events (
    seq        INTEGER PRIMARY KEY,          -- 1, 2, 3, ... no gaps
    at_ms      INTEGER NOT NULL,             -- UTC milliseconds since the epoch
    actor      TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    payload    BLOB    NOT NULL,             -- deterministic CBOR map
    prev_hash  BLOB    NOT NULL,
    hash       BLOB    NOT NULL              -- SHA-256 over [1, seq, at_ms, actor, kind, payload, prev_hash]
);

CREATE TRIGGER events_refuse_update BEFORE UPDATE ON events
BEGIN
    SELECT RAISE(ABORT, 'journal is append-only: an event cannot be changed');
END;

CREATE TRIGGER events_refuse_delete BEFORE DELETE ON events
BEGIN
    SELECT RAISE(ABORT, 'journal is append-only: an event cannot be deleted');
END;

-- The last event's sequence number and hash, so that cutting off the tail of the journal is detectable.
CREATE TABLE journal_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB    NOT NULL
);
INSERT INTO journal_head(id, seq, hash) VALUES (1, 0, zeroblob(32));
