-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE posts ADD FULLTEXT INDEX posts_body_ft (body);
