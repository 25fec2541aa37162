-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
