-- schemagate: dialect=postgresql version=15
START TRANSACTION;
DROP INDEX CONCURRENTLY accounts_email_idx;
COMMIT;
