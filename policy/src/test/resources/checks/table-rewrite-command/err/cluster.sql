-- schemagate: dialect=postgresql version=15
CLUSTER accounts USING accounts_pkey;
