-- When the pharmacy's recovery key was last set (its wrapped backup key accepted by the service). The recovery
-- key itself is never stored: it is shown once, for the recovery sheet (docs/RECOVERY-KEY.md).
ALTER TABLE replication ADD COLUMN recovery_key_set_ms INTEGER;
