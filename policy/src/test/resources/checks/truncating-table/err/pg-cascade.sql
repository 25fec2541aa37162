-- schemagate: dialect=postgresql version=15
TRUNCATE accounts CASCADE;
