-- schemagate: dialect=postgresql version=15
CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);
