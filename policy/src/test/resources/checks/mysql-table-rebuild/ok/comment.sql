-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts COMMENT = 'customer accounts';
