-- schemagate: dialect=postgresql version=15
ALTER TABLE events DETACH PARTITION events_2020 CONCURRENTLY;
