-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD COLUMN plan_id bigint NOT NULL;
