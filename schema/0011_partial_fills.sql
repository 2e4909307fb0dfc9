-- Partial fills of a CII (21 CFR 1306.13): what the first fill recorded of the prescription (the date written, the
-- prescriber, why it was filled in part), and the entry that closed the rest. A projection, rebuilt from the
-- journal; an Rx filled before these were kept has them empty.
ALTER TABLE prescriptions ADD COLUMN date_written TEXT NOT NULL DEFAULT '';
ALTER TABLE prescriptions ADD COLUMN prescriber_name TEXT NOT NULL DEFAULT '';
ALTER TABLE prescriptions ADD COLUMN prescriber_dea TEXT NOT NULL DEFAULT '';
ALTER TABLE prescriptions ADD COLUMN first_fill_date TEXT NOT NULL DEFAULT '';
ALTER TABLE prescriptions ADD COLUMN partial_kind TEXT NOT NULL DEFAULT '';
ALTER TABLE prescriptions ADD COLUMN closed_seq INTEGER NOT NULL DEFAULT 0;
