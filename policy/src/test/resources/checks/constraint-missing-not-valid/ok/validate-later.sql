-- schemagate: dialect=postgresql version=15
BEGIN;
ALTER TABLE accounts ADD CONSTRAINT balance_positive CHECK (balance >= 0) NOT VALID;
COMMIT;
ALTER TABLE accounts VALIDATE CONSTRAINT balance_positive;
