-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN id bigint DEFAULT 0 PRIMARY KEY;
