-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN owner_id bigint REFERENCES owners (id);
