-- schemagate: dialect=mysql version=8.0.30
ALTER TABLE accounts ADD COLUMN note int, ALGORITHM=INPLACE, LOCK=NONE;
