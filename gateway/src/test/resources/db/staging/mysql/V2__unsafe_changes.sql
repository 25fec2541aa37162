-- Both statements are unsafe on a busy table: the gateway stages or guards them.
ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (FLOOR(RAND()*100));
CREATE INDEX orders_qty_idx ON orders (qty);
