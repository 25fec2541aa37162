-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN note varchar(20), ALGORITHM=INSTANT;
