-- schemagate: dialect=mysql version=8.4.3 type.accounts.name=varchar(20)
ALTER TABLE accounts MODIFY name varchar(60), ALGORITHM=INPLACE, LOCK=NONE;
