-- schemagate: dialect=postgresql version=14.0
REINDEX INDEX CONCURRENTLY accounts_email_idx;
