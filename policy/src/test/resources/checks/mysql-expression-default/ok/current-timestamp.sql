-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN at timestamp NOT NULL DEFAULT CURRENT_TIMESTAMP, ALGORITHM=INSTANT;
