-- schemagate: dialect=postgresql version=15
REINDEX TABLE accounts;
