-- Archives of long acknowledged ranges (docs/REPLICATION.md): sealed and kept here before they are sent, like
-- change sets, so a retry sends identical bytes. A restore downloads a few archives instead of thousands of sets.
CREATE TABLE outbox_archives (
    first_seq  INTEGER PRIMARY KEY,
    last_seq   INTEGER NOT NULL,
    set_hash   BLOB    NOT NULL,
    bytes      BLOB,                         -- NULL once acknowledged
    sealed_ms  INTEGER NOT NULL,
    acked_ms   INTEGER,
    CHECK (last_seq >= first_seq),
    CHECK (bytes IS NOT NULL OR acked_ms IS NOT NULL)
);

CREATE TRIGGER outbox_archives_refuse_rewrite BEFORE UPDATE OF first_seq, last_seq, set_hash, sealed_ms ON outbox_archives
BEGIN
    SELECT RAISE(ABORT, 'outbox: a sealed archive cannot be changed');
END;
CREATE TRIGGER outbox_archives_refuse_unack BEFORE UPDATE OF acked_ms ON outbox_archives WHEN OLD.acked_ms IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'outbox: an acknowledged archive stays acknowledged');
END;
CREATE TRIGGER outbox_archives_refuse_delete BEFORE DELETE ON outbox_archives
BEGIN
    SELECT RAISE(ABORT, 'outbox: archives are never deleted');
END;
