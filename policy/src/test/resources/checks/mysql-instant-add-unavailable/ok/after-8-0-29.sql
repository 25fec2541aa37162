-- schemagate: dialect=mysql version=8.0.35
ALTER TABLE accounts ADD COLUMN note int AFTER id, ALGORITHM=INSTANT;
