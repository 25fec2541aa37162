-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts DROP PRIMARY KEY;
