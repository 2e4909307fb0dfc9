-- The DEA registration's and the state licence's expiry dates, when the profile records them: the counter and
-- Review warn 60 and 30 days ahead (DueDates). A projection, rebuilt from the journal.
ALTER TABLE pharmacy ADD COLUMN dea_expiry TEXT NOT NULL DEFAULT '';
ALTER TABLE pharmacy ADD COLUMN license_expiry TEXT NOT NULL DEFAULT '';
