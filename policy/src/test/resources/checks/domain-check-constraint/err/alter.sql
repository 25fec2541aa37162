-- schemagate: dialect=postgresql version=15
ALTER DOMAIN positive_int ADD CONSTRAINT positive CHECK (VALUE > 0);
