-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE accounts ADD COLUMN seq bigint AUTO_INCREMENT UNIQUE, ALGORITHM=INPLACE, LOCK=NONE;
