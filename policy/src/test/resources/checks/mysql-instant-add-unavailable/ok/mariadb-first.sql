-- schemagate: dialect=mysql version=10.11.6-MariaDB
ALTER TABLE accounts ADD COLUMN note int FIRST, ALGORITHM=INSTANT;
