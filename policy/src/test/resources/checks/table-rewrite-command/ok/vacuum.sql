-- schemagate: dialect=postgresql version=15
VACUUM accounts;
