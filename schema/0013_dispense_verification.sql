-- Technicians' dispenses waiting for the pharmacist who verifies them and is their dispenser on record (21 CFR
-- 1304.22(c)). A projection, rebuilt from the journal: a row per stock.dispensed with toVerify, gone once a
-- stock.dispense_verified or a void names it.
CREATE TABLE dispenses_to_verify (
    seq          INTEGER PRIMARY KEY,
    at_ms        INTEGER NOT NULL,
    ndc11        TEXT NOT NULL,
    rx           TEXT NOT NULL,
    quantity     INTEGER NOT NULL,
    recorded_by  TEXT NOT NULL
);
