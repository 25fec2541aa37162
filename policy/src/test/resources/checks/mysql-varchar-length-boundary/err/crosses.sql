-- schemagate: dialect=mysql version=8.4.3 type.accounts.name=varchar(50)
ALTER TABLE accounts MODIFY name varchar(100), ALGORITHM=INPLACE, LOCK=NONE;
