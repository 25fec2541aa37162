-- schemagate: dialect=postgresql version=15
CREATE TABLE plans (id bigint PRIMARY KEY);
ALTER TABLE plans ADD COLUMN name text NOT NULL;
