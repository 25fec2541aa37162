-- schemagate: dialect=mysql version=8.0.31
ALTER TABLE accounts DROP COLUMN note;
