-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN uid char(36) NOT NULL DEFAULT (uuid());
