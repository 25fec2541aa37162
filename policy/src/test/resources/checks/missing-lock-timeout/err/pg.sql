-- schemagate: dialect=postgresql version=15 locktimeout=unset
ALTER TABLE accounts ADD COLUMN note text;
