-- Unfinished forms (DraftStore, docs/ARCHITECTURE.md): what a person has typed into a counter form and not yet
-- saved, so it survives the idle lock, a crash and a restart. A draft is not a record: it is never journaled, never
-- replicated or restored, and no projection (a rebuild leaves it alone; the state digest does not cover it). It never
-- holds a PIN or a password. Written through DraftStore's own connection, never by a ledger command.
CREATE TABLE drafts (
    person_id    TEXT    NOT NULL,
    form         TEXT    NOT NULL,   -- the form and its product, as the screen names it: "dispenseForm/00574407205"
    fields_json  TEXT    NOT NULL,   -- {"fieldObjectName": value, ...}
    saved_ms     INTEGER NOT NULL,
    head_seq     INTEGER NOT NULL,   -- the journal head when it was saved: what was recorded after it
    PRIMARY KEY (person_id, form)
) WITHOUT ROWID;
