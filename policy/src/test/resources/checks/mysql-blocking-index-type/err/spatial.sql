-- schemagate: dialect=mysql version=8.4.3
CREATE SPATIAL INDEX places_geo ON places (geo);
