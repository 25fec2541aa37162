-- schemagate: dialect=postgresql version=15
CREATE TABLE bookings (room int, during tstzrange);
ALTER TABLE bookings ADD CONSTRAINT no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
