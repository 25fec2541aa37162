-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD CONSTRAINT balance_positive CHECK (balance >= 0) NOT ENFORCED;
