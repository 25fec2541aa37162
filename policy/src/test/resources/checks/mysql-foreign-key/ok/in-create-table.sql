-- schemagate: dialect=mysql version=8.4.3
CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint, FOREIGN KEY (account_id) REFERENCES accounts (id));
