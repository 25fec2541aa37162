-- schemagate: dialect=postgresql version=15
DROP VIEW IF EXISTS account_summary;
