-- schemagate: dialect=postgresql version=15
ALTER TYPE mood ADD VALUE 'meh';
