-- PostgreSQL for cii-backupd: a role that owns only its database, no superuser rights.
-- Run as the postgres user:  sudo -u postgres psql -v password="'...'" -f postgresql-setup.sql
-- cii-backupd creates its tables on first start (CREATE TABLE IF NOT EXISTS).
CREATE ROLE cii_backupd LOGIN PASSWORD :password NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE DATABASE cii_backup OWNER cii_backupd ENCODING 'UTF8' TEMPLATE template0;
REVOKE ALL ON DATABASE cii_backup FROM PUBLIC;
\connect cii_backup
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT ALL ON SCHEMA public TO cii_backupd;
-- Backups of the service's own database (docs/OPERATIONS.md) use a read-only role:
CREATE ROLE cii_backupd_dump LOGIN NOSUPERUSER;
GRANT CONNECT ON DATABASE cii_backup TO cii_backupd_dump;
GRANT USAGE ON SCHEMA public TO cii_backupd_dump;
ALTER DEFAULT PRIVILEGES FOR ROLE cii_backupd IN SCHEMA public GRANT SELECT ON TABLES TO cii_backupd_dump;
