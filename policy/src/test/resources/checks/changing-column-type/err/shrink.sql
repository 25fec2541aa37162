-- schemagate: dialect=postgresql version=15 type.accounts.name=character varying(100)
ALTER TABLE accounts ALTER COLUMN name TYPE varchar(50);
