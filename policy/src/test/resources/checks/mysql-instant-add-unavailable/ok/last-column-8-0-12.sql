-- schemagate: dialect=mysql version=8.0.12
ALTER TABLE accounts ADD COLUMN note int, ALGORITHM=INSTANT;
