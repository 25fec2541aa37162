-- schemagate: dialect=postgresql version=15
CREATE TABLE notes (id bigint, txt text);
ALTER TABLE notes RENAME COLUMN txt TO body;
