-- schemagate: dialect=postgresql version=15
CREATE TABLE notes (id bigint, tmp text);
ALTER TABLE notes DROP COLUMN tmp;
