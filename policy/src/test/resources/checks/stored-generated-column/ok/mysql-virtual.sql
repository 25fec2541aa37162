-- schemagate: dialect=mysql version=8.4.3
ALTER TABLE orders ADD COLUMN total decimal(12,2) AS (price * qty) VIRTUAL, ALGORITHM=INSTANT;
