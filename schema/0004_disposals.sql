-- Transfers, returns to suppliers, destruction, waste, theft or loss, inventories (LedgerProjection).

-- Discrepancies again, now numbered on their own (an inventory opens several in one event) and saying where
-- they came from. A projection: the store rebuilds it from the journal after migrating.
DROP TABLE discrepancies;
CREATE TABLE discrepancies (
    id            INTEGER PRIMARY KEY,    -- in the order they were opened
    opened_seq    INTEGER NOT NULL,       -- the count, inventory or override dispense that opened it
    ndc11         TEXT NOT NULL,
    source        TEXT NOT NULL,          -- count, inventory, override
    expected      INTEGER NOT NULL,
    counted       INTEGER NOT NULL,
    difference    INTEGER NOT NULL,       -- counted - expected
    status        TEXT NOT NULL,          -- open, in_review, resolved, escalated
    opened_ms     INTEGER NOT NULL,
    opened_by     TEXT NOT NULL,
    since_seq     INTEGER NOT NULL,       -- the last matching count before it (0: none)
    review_note   TEXT,
    reason_code   TEXT,
    note          TEXT,
    resolved_by   TEXT,
    resolved_seq  INTEGER,
    UNIQUE (opened_seq, ndc11)
);
CREATE INDEX discrepancies_by_status ON discrepancies(status, ndc11);

-- Theft or loss reports (DEA Form 106) and their two deadlines.
CREATE TABLE theft_loss (
    id               INTEGER PRIMARY KEY,   -- the seq of the report (or of the escalation)
    ndc11            TEXT NOT NULL,
    quantity         INTEGER NOT NULL,
    loss_type        TEXT NOT NULL,         -- theft, loss, in-transit-loss
    discovery_date   TEXT NOT NULL,
    circumstances    TEXT NOT NULL,
    notice_due       TEXT NOT NULL,         -- 1 business day after discovery
    form_due         TEXT NOT NULL,         -- 45 days after discovery
    notice_sent      TEXT,
    notice_reference TEXT,
    form_filed       TEXT,
    form_reference   TEXT,
    discrepancy_id   INTEGER                -- when it came from an escalated discrepancy
);

-- Biennial or annual inventories; their per-product counts are entries of kind 'inventory'.
CREATE TABLE inventories (
    id           INTEGER PRIMARY KEY,       -- the seq of the inventory event
    type         TEXT NOT NULL,             -- biennial, annual
    timing       TEXT NOT NULL,             -- opening, closing (of business)
    taken_date   TEXT NOT NULL,
    products     INTEGER NOT NULL,
    signed_by    TEXT NOT NULL
);

-- Who witnessed and signed a destruction or a waste entry.
CREATE TABLE witnesses (
    seq        INTEGER NOT NULL,
    person_id  TEXT NOT NULL,
    PRIMARY KEY (seq, person_id)
) WITHOUT ROWID;

-- Search as you type by the NDC as labelled (with hyphens).
CREATE INDEX products_by_ndc ON products(ndc);
