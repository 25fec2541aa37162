-- schemagate: dialect=postgresql version=15
CREATE VIEW customers AS SELECT * FROM accounts;
