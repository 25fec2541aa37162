-- schemagate: dialect=postgresql version=15
REINDEX INDEX accounts_email_idx;
