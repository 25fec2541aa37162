-- schemagate: dialect=postgresql version=15
DROP SCHEMA app CASCADE;
