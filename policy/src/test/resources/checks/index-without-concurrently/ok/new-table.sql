-- schemagate: dialect=postgresql version=15
CREATE TABLE notes (id bigint, body text);
CREATE INDEX notes_body_idx ON notes (body);
