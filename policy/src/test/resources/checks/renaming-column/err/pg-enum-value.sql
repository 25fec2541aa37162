-- schemagate: dialect=postgresql version=15
ALTER TYPE mood RENAME VALUE 'sad' TO 'unhappy';
