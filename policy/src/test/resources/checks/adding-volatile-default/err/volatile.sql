-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
