-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts RENAME COLUMN email TO email_address;
