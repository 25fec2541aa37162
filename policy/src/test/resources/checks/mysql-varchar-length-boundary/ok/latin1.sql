-- schemagate: dialect=mysql version=8.4.3 type.accounts.name=varchar(100)
ALTER TABLE accounts MODIFY name varchar(200) CHARACTER SET latin1, ALGORITHM=INPLACE, LOCK=NONE;
