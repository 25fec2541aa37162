-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts RENAME COLUMN email TO email_address, ALGORITHM=INSTANT;
