-- schemagate: dialect=mysql version=8.0.32
ALTER TABLE accounts ADD COLUMN note int, ALGORITHM=INSTANT;
