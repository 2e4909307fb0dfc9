-- An activation asked and not yet answered (docs/REPLICATION.md, "Activation"): the device key made for it, kept
-- before the request leaves, so that asking again (after a lost answer, a crash, a closed wizard) asks with the
-- same key and the service gives the same answer. One row, for the code it was made for; gone once the
-- activation is saved in `replication`.
CREATE TABLE pending_activation (
    id                 INTEGER PRIMARY KEY CHECK (id = 1),
    code_hash          BLOB    NOT NULL,   -- SHA-256 of the code as the service compares it (BackupApi.h)
    device_private_key BLOB    NOT NULL,   -- Ed25519, 32 bytes
    made_ms            INTEGER NOT NULL
);
