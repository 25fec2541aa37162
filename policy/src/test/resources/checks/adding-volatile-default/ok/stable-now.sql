-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN created_at timestamptz DEFAULT now();
