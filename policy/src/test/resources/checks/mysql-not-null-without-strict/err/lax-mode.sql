-- schemagate: dialect=mysql version=8.4.3 sqlmode=NO_ENGINE_SUBSTITUTION type.accounts.n=int
ALTER TABLE accounts MODIFY n int NOT NULL, ALGORITHM=INPLACE, LOCK=NONE;
