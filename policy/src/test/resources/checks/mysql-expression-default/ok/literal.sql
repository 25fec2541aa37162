-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN status varchar(10) NOT NULL DEFAULT 'new', ALGORITHM=INSTANT;
