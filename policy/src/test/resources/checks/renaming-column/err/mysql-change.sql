-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts CHANGE email email_address varchar(255), ALGORITHM=INPLACE, LOCK=NONE;
