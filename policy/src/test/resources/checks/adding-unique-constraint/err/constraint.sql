-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD CONSTRAINT accounts_email_key UNIQUE (email);
