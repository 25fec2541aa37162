-- schemagate: dialect=postgresql version=11
ALTER TABLE accounts ADD COLUMN active boolean NOT NULL DEFAULT true;
