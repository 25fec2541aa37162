-- schemagate: dialect=mysql version=10.3.39-MariaDB
ALTER TABLE accounts ADD COLUMN note int FIRST;
