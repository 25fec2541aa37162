CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL) ENGINE=InnoDB;
INSERT INTO orders (id, qty) SELECT seq, seq % 7 FROM seq_1_to_20000;
