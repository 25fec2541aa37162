-- schemagate: dialect=postgresql version=15 locktimeout=unset
ALTER TABLE accounts ALTER COLUMN n SET STATISTICS 500;
