-- schemagate: dialect=postgresql version=15
DROP INDEX CONCURRENTLY IF EXISTS accounts_email_idx;
