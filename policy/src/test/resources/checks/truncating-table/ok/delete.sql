-- schemagate: dialect=postgresql version=15
DELETE FROM accounts WHERE id < 100;
