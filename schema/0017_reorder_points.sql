-- A product's reorder point (Ledger::setReorderPoint, "product.reorder_point"): the level, in base units, at or
-- below which the counter says "below reorder point"; 0 is none. A projection, rebuilt from the journal.
ALTER TABLE products ADD COLUMN reorder_point INTEGER NOT NULL DEFAULT 0;
