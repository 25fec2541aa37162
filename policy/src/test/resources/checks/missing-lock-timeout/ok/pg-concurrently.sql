-- schemagate: dialect=postgresql version=15 locktimeout=unset
CREATE INDEX CONCURRENTLY accounts_note_idx ON accounts (note);
