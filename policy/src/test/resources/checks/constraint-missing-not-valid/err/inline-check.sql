-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN score int CHECK (score >= 0);
