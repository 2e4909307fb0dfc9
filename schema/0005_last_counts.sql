-- The last count (or inventory line) that matched the records, per product: what "reconciliation overdue" reads,
-- one row per product instead of a search through every entry. A projection, rebuilt from the journal.
CREATE TABLE last_matching_counts (
    ndc11        TEXT PRIMARY KEY,
    seq          INTEGER NOT NULL,
    at_ms        INTEGER NOT NULL
) WITHOUT ROWID;
