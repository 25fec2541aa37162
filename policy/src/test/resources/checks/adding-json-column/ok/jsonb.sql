-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN settings jsonb;
