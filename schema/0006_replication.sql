-- Cloud backup (docs/REPLICATION.md). Written by the replication engine, never by a ledger command.

-- This workstation's activation: one row. The keys stay inside the encrypted store.
CREATE TABLE replication (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    service_url        TEXT    NOT NULL,
    pharmacy_id        TEXT    NOT NULL,
    pharmacy_name      TEXT    NOT NULL,
    device_id          TEXT    NOT NULL,
    device_private_key BLOB    NOT NULL,   -- Ed25519, 32 bytes
    data_key           BLOB    NOT NULL,   -- AES-256 backup data key, 32 bytes
    pinned_ca          TEXT,               -- PEM; NULL: the system's CAs
    activated_ms       INTEGER NOT NULL,
    revoked_ms         INTEGER             -- the service said another workstation replaced this one
);

-- Sealed change sets, written before they are sent. A row's bytes are kept until the service acknowledges it.
CREATE TABLE outbox (
    first_seq  INTEGER PRIMARY KEY,
    last_seq   INTEGER NOT NULL,
    set_hash   BLOB    NOT NULL,
    bytes      BLOB,                         -- NULL once acknowledged
    sealed_ms  INTEGER NOT NULL,
    acked_ms   INTEGER,
    CHECK (last_seq >= first_seq),
    CHECK (bytes IS NOT NULL OR acked_ms IS NOT NULL)
);
CREATE INDEX outbox_unacked ON outbox (first_seq) WHERE acked_ms IS NULL;

-- An acknowledged set stays acknowledged; a row's range and hash never change.
CREATE TRIGGER outbox_refuse_rewrite BEFORE UPDATE OF first_seq, last_seq, set_hash, sealed_ms ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox: a sealed change set cannot be changed');
END;
CREATE TRIGGER outbox_refuse_unack BEFORE UPDATE OF acked_ms ON outbox WHEN OLD.acked_ms IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'outbox: an acknowledged change set stays acknowledged');
END;
CREATE TRIGGER outbox_refuse_delete BEFORE DELETE ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox: change sets are never deleted');
END;
