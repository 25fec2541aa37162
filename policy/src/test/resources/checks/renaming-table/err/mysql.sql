-- schemagate: dialect=mysql version=8.4.3
RENAME TABLE accounts TO customers;
