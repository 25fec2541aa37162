-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN code text DEFAULT make_code();
