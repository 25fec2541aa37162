-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD INDEX accounts_email_idx (email), ALGORITHM=INPLACE, LOCK=NONE;
