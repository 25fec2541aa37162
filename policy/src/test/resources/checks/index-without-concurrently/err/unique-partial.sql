-- schemagate: dialect=postgresql version=15
CREATE UNIQUE INDEX ON accounts (lower(email)) WHERE deleted_at IS NULL;
