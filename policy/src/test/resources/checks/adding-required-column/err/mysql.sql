-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN plan_id bigint NOT NULL, ALGORITHM=INSTANT;
