-- schemagate: dialect=postgresql version=15 locktimeout=unset
SET lock_timeout = '2s';
SET lock_timeout = 0;
ALTER TABLE accounts ADD COLUMN note text;
