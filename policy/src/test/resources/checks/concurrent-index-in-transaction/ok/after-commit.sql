-- schemagate: dialect=postgresql version=15
BEGIN;
ALTER TABLE accounts ADD COLUMN note text;
COMMIT;
CREATE INDEX CONCURRENTLY accounts_note_idx ON accounts (note);
