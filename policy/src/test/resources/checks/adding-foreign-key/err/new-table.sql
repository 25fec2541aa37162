-- schemagate: dialect=postgresql version=15
CREATE TABLE invoices (id bigint PRIMARY KEY, account_id bigint);
ALTER TABLE invoices ADD CONSTRAINT invoices_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id);
