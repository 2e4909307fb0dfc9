-- DEA Form 106 facts of a theft or loss (21 CFR 1301.76(b)): whether a police report was made (its number and
-- department; empty when none), and the kind of theft or loss (night-break-in, lost-in-pharmacy, ...; empty when a
-- report recorded before these were asked). A projection, rebuilt from the journal.
ALTER TABLE theft_loss ADD COLUMN police_report TEXT NOT NULL DEFAULT '';
ALTER TABLE theft_loss ADD COLUMN kind TEXT NOT NULL DEFAULT '';
