-- Each stock entry's place in the pharmacy's business days, and the stock set aside awaiting disposal
-- (LedgerProjection; docs/LEDGER.md "Inventories" and "Stock awaiting disposal"). Projections: the store
-- rebuilds them from the journal after migrating, so every existing entry gets its business date.
--   business_date: the date the record is for (date received, fill date, count date, date of destruction,
--                  discovery date; the day it was typed, in the pharmacy's zone, for a record without one; a
--                  void takes the date of the entry it reverses)
--   day_part:      0 an inventory taken at the opening of business, 1 the day's records, 2 an inventory taken at
--                  the close of business: (business_date, day_part, seq) orders the entries by business moment
--   awaiting_after: after this entry, how much of the balance is set aside awaiting disposal (never dispensable)
ALTER TABLE entries ADD COLUMN business_date TEXT NOT NULL DEFAULT '';
ALTER TABLE entries ADD COLUMN day_part INTEGER NOT NULL DEFAULT 1;
ALTER TABLE entries ADD COLUMN awaiting_after INTEGER NOT NULL DEFAULT 0;
