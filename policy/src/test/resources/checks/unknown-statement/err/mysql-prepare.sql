-- schemagate: dialect=mysql version=8.4.3
PREPARE s FROM 'ALTER TABLE accounts ADD COLUMN c int';
