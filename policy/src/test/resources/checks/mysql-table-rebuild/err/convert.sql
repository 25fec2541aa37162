-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts CONVERT TO CHARACTER SET utf8mb4;
