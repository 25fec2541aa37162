-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts DROP COLUMN legacy_code, ALGORITHM=INSTANT;
