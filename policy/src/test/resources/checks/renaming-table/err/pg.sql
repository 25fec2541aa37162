-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts RENAME TO customers;
