-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
