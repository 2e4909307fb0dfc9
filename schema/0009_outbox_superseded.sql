-- A service whose database was put back from an older copy has lost the change sets stored after it (it answers
-- 409 gap with where its chain ends). The workstation then seals its journal again from there: the rows from
-- that number on are marked superseded (kept, never deleted, never changed) and new rows take their numbers
-- (docs/REPLICATION.md, "A service restored from an older copy"). The rows live in outbox_rows; `outbox` is the
-- view of the rows in force, so everything that reads or writes the outbox goes on as before.
CREATE TABLE outbox_rows (
    id            INTEGER PRIMARY KEY,
    first_seq     INTEGER NOT NULL,
    last_seq      INTEGER NOT NULL,
    set_hash      BLOB    NOT NULL,
    bytes         BLOB,                      -- NULL once acknowledged
    sealed_ms     INTEGER NOT NULL,
    acked_ms      INTEGER,
    superseded_ms INTEGER,                   -- sealed again after the service lost it
    CHECK (last_seq >= first_seq),
    CHECK (bytes IS NOT NULL OR acked_ms IS NOT NULL)
);
INSERT INTO outbox_rows (first_seq, last_seq, set_hash, bytes, sealed_ms, acked_ms)
    SELECT first_seq, last_seq, set_hash, bytes, sealed_ms, acked_ms FROM outbox ORDER BY first_seq;
DROP TABLE outbox;

CREATE UNIQUE INDEX outbox_in_force ON outbox_rows (first_seq) WHERE superseded_ms IS NULL;
CREATE INDEX outbox_unacked ON outbox_rows (first_seq) WHERE acked_ms IS NULL AND superseded_ms IS NULL;

CREATE VIEW outbox AS
    SELECT id AS row_id, first_seq, last_seq, set_hash, bytes, sealed_ms, acked_ms FROM outbox_rows WHERE superseded_ms IS NULL;
CREATE TRIGGER outbox_insert INSTEAD OF INSERT ON outbox
BEGIN
    INSERT INTO outbox_rows (first_seq, last_seq, set_hash, bytes, sealed_ms, acked_ms)
        VALUES (NEW.first_seq, NEW.last_seq, NEW.set_hash, NEW.bytes, NEW.sealed_ms, NEW.acked_ms);
END;
CREATE TRIGGER outbox_update INSTEAD OF UPDATE ON outbox
BEGIN
    UPDATE outbox_rows SET first_seq = NEW.first_seq, last_seq = NEW.last_seq, set_hash = NEW.set_hash, sealed_ms = NEW.sealed_ms,
                           acked_ms = NEW.acked_ms, bytes = NEW.bytes
        WHERE id = OLD.row_id;
END;
CREATE TRIGGER outbox_delete INSTEAD OF DELETE ON outbox
BEGIN
    SELECT RAISE(ABORT, 'outbox: change sets are never deleted');
END;

-- As before: an acknowledged set stays acknowledged; a row's range and hash never change; nothing is deleted.
-- And a superseded row stays superseded.
CREATE TRIGGER outbox_refuse_rewrite BEFORE UPDATE ON outbox_rows
    WHEN NEW.first_seq IS NOT OLD.first_seq OR NEW.last_seq IS NOT OLD.last_seq OR NEW.set_hash IS NOT OLD.set_hash
         OR NEW.sealed_ms IS NOT OLD.sealed_ms OR NEW.id IS NOT OLD.id
BEGIN
    SELECT RAISE(ABORT, 'outbox: a sealed change set cannot be changed');
END;
CREATE TRIGGER outbox_refuse_unack BEFORE UPDATE ON outbox_rows WHEN OLD.acked_ms IS NOT NULL AND NEW.acked_ms IS NOT OLD.acked_ms
BEGIN
    SELECT RAISE(ABORT, 'outbox: an acknowledged change set stays acknowledged');
END;
CREATE TRIGGER outbox_refuse_unsupersede BEFORE UPDATE ON outbox_rows
    WHEN OLD.superseded_ms IS NOT NULL AND NEW.superseded_ms IS NOT OLD.superseded_ms
BEGIN
    SELECT RAISE(ABORT, 'outbox: a superseded change set stays superseded');
END;
CREATE TRIGGER outbox_refuse_delete BEFORE DELETE ON outbox_rows
BEGIN
    SELECT RAISE(ABORT, 'outbox: change sets are never deleted');
END;
