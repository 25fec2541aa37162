-- schemagate: dialect=postgresql version=15
DROP INDEX accounts_email_idx;
