-- schemagate: dialect=mysql version=8.4.3 locktimeout=unset
SET SESSION lock_wait_timeout = 5;
ALTER TABLE accounts ADD COLUMN note text, ALGORITHM=INSTANT;
