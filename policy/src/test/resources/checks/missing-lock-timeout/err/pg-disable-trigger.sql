-- schemagate: dialect=postgresql version=15 locktimeout=unset
ALTER TABLE accounts DISABLE TRIGGER audit_trg;
