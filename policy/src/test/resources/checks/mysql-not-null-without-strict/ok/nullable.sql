-- schemagate: dialect=mysql version=8.4.3 type.accounts.n=int
ALTER TABLE accounts MODIFY n int NULL, ALGORITHM=INPLACE, LOCK=NONE;
