-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE posts ADD INDEX posts_title_idx (title), ALGORITHM=INPLACE, LOCK=NONE;
