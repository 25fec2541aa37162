-- schemagate: dialect=postgresql version=14.4
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
