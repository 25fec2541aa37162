-- schemagate: dialect=mysql version=8.4.3 locktimeout=unset
ALTER TABLE accounts ADD COLUMN note text, ALGORITHM=INSTANT;
