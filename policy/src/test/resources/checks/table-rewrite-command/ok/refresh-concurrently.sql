-- schemagate: dialect=postgresql version=15
REFRESH MATERIALIZED VIEW CONCURRENTLY account_totals;
