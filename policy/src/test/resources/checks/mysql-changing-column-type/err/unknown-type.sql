-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts MODIFY n bigint NULL;
