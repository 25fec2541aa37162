CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL);
INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, 20000) g;
