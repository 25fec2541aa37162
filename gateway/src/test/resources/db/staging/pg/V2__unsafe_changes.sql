-- Both statements are unsafe on a busy table: the gateway stages them.
ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int;
CREATE INDEX orders_qty_idx ON orders (qty);
