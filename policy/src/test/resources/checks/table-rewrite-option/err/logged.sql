-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts SET LOGGED;
