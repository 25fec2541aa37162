-- schemagate: dialect=mysql version=8.4.3
CREATE TABLE notes (id bigint PRIMARY KEY);
ALTER TABLE notes ADD COLUMN body text;
