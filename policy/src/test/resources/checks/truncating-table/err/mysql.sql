-- schemagate: dialect=mysql version=8.4.3
TRUNCATE TABLE accounts;
