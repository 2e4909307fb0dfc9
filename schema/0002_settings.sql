-- Projection: store-wide settings, rebuilt from "store.created" and "setting.changed" events.
CREATE TABLE settings (
    key          TEXT PRIMARY KEY,
    value        TEXT NOT NULL,
    changed_seq  INTEGER NOT NULL
) WITHOUT ROWID;
