-- schemagate: dialect=postgresql version=15
CREATE DOMAIN email_address AS text;
