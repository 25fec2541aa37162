-- schemagate: dialect=postgresql version=15
CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint REFERENCES accounts (id));
