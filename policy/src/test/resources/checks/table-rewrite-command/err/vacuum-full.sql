-- schemagate: dialect=postgresql version=15
VACUUM FULL accounts;
