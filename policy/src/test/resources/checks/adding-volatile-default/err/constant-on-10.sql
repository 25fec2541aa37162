-- schemagate: dialect=postgresql version=10
ALTER TABLE accounts ADD COLUMN active boolean DEFAULT true;
