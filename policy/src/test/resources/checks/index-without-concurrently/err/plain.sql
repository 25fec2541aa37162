-- schemagate: dialect=postgresql version=15
CREATE INDEX accounts_email_idx ON accounts (email);
