-- schemagate: dialect=postgresql version=15
DROP TABLE accounts;
