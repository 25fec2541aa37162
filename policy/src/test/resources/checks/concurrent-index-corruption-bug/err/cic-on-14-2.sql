-- schemagate: dialect=postgresql version=14.2
CREATE INDEX CONCURRENTLY accounts_email_idx ON accounts (email);
