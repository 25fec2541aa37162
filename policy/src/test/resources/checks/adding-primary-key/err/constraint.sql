-- schemagate: dialect=postgresql version=15
ALTER TABLE accounts ADD PRIMARY KEY (id);
