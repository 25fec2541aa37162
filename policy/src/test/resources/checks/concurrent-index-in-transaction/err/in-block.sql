-- schemagate: dialect=postgresql version=15
BEGIN;
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
COMMIT;
