-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts DROP PRIMARY KEY, ADD PRIMARY KEY (id, tenant_id), ALGORITHM=INPLACE, LOCK=NONE;
