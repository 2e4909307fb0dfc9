-- Why a person was deactivated, and by which event, for Settings > People (LedgerQueries::people). A projection:
-- the store rebuilds it from the journal after migrating, so people deactivated before it get their reason.
ALTER TABLE people ADD COLUMN deactivated_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE people ADD COLUMN deactivated_seq INTEGER NOT NULL DEFAULT 0;
