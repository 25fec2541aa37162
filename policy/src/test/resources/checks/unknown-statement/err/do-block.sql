-- schemagate: dialect=postgresql version=15
DO $$ BEGIN EXECUTE 'ALTER TABLE accounts ADD COLUMN c int'; END $$;
