-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts DROP COLUMN legacy_code;
