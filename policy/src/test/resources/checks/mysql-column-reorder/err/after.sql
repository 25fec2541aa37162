-- schemagate: dialect=mysql version=8.4.3 type.accounts.email=varchar(255)
ALTER TABLE accounts MODIFY email varchar(255) AFTER id, ALGORITHM=INPLACE, LOCK=NONE;
