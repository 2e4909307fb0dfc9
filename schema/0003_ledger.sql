-- Projections of the CII ledger, rebuilt from the journal (LedgerProjection, PeopleProjection).

CREATE TABLE pharmacy (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    name          TEXT NOT NULL,
    address       TEXT NOT NULL,
    dea           TEXT NOT NULL,
    state         TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    cadence_days  INTEGER NOT NULL,
    changed_seq   INTEGER NOT NULL
);

CREATE TABLE people (
    id               TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    initials         TEXT NOT NULL,
    role             TEXT NOT NULL,
    active           INTEGER NOT NULL,
    pin_hash         BLOB,
    password_hash    BLOB,
    failed_count     INTEGER NOT NULL,
    locked_until_ms  INTEGER NOT NULL,
    added_seq        INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE products (
    ndc11         TEXT PRIMARY KEY,       -- 11 digits, the catalog key
    ndc           TEXT NOT NULL,          -- as labelled, hyphenated
    name          TEXT NOT NULL,
    strength      TEXT NOT NULL,
    dosage_form   TEXT NOT NULL,
    package_size  INTEGER NOT NULL,       -- base units per package
    base_unit     TEXT NOT NULL,          -- tablet, capsule, patch, mL/1000 ...
    schedule      TEXT NOT NULL,          -- CII or CIIN
    active        INTEGER NOT NULL,
    changed_seq   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX products_by_name ON products(name COLLATE NOCASE);

-- One row per stock movement; balance_after is the running balance, so the last row is the balance.
CREATE TABLE entries (
    ndc11          TEXT NOT NULL,
    seq            INTEGER NOT NULL,       -- the journal event
    kind           TEXT NOT NULL,
    delta          INTEGER NOT NULL,
    balance_after  INTEGER NOT NULL,
    at_ms          INTEGER NOT NULL,
    actor          TEXT NOT NULL,
    reference      TEXT NOT NULL,          -- Rx number, Form 222 / CSOS number, ...
    corrects_seq   INTEGER,                -- for a void: the entry it reverses
    PRIMARY KEY (ndc11, seq)
) WITHOUT ROWID;

-- Partial fills: what each Rx has had dispensed (net of returns).
CREATE TABLE prescriptions (
    rx               TEXT PRIMARY KEY,
    ndc11            TEXT NOT NULL,
    prescribed_qty   INTEGER NOT NULL,
    dispensed_qty    INTEGER NOT NULL
) WITHOUT ROWID;

-- Entries voided by a later correction (the original stays; this says what replaced it).
CREATE TABLE voided (
    seq        INTEGER PRIMARY KEY,
    void_seq   INTEGER NOT NULL,
    reason     TEXT NOT NULL
);

CREATE TABLE discrepancies (
    id            INTEGER PRIMARY KEY,    -- the seq of the count that opened it
    ndc11         TEXT NOT NULL,
    expected      INTEGER NOT NULL,
    counted       INTEGER NOT NULL,
    difference    INTEGER NOT NULL,       -- counted - expected
    status        TEXT NOT NULL,          -- open, in_review, resolved, escalated
    opened_ms     INTEGER NOT NULL,
    opened_by     TEXT NOT NULL,
    since_seq     INTEGER NOT NULL,       -- the last matching count before it (0: none)
    reason_code   TEXT,
    note          TEXT,
    resolved_by   TEXT,
    resolved_seq  INTEGER
);
CREATE INDEX discrepancies_by_status ON discrepancies(status, ndc11);
