-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN owner_id bigint REFERENCES owners (id), ALGORITHM=INSTANT;
