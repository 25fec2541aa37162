package io.schemagate.gateway.gate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The tags PostgreSQL 15 answers these statements with (checked with psql against the server). */
class PgCommandTagsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
            "ALTER TABLE orders ADD COLUMN c int | ALTER TABLE",
            "alter table orders rename column a to b | ALTER TABLE",
            "ALTER INDEX orders_pkey RENAME TO p | ALTER INDEX",
            "ALTER MATERIALIZED VIEW mv RENAME TO v | ALTER MATERIALIZED VIEW",
            "ALTER USER bob WITH LOGIN | ALTER ROLE",
            "ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO bob | ALTER DEFAULT PRIVILEGES",
            "CREATE UNIQUE INDEX i ON orders (id) | CREATE INDEX",
            "CREATE TEMP TABLE t (id int) | CREATE TABLE",
            "CREATE UNLOGGED TABLE t (a int GENERATED ALWAYS AS IDENTITY) | CREATE TABLE",
            "CREATE TABLE t AS SELECT 1 | null",
            "CREATE TABLE t (a) AS SELECT 1 | null",
            "CREATE MATERIALIZED VIEW mv AS SELECT 1 | null",
            "CREATE OR REPLACE VIEW v AS SELECT 1 | CREATE VIEW",
            "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 1' | CREATE FUNCTION",
            "CREATE CONSTRAINT TRIGGER tr AFTER INSERT ON t FOR EACH ROW EXECUTE FUNCTION f() | CREATE TRIGGER",
            "CREATE FOREIGN TABLE ft (a int) SERVER s | CREATE FOREIGN TABLE",
            "CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f() | CREATE EVENT TRIGGER",
            "CREATE OPERATOR CLASS c FOR TYPE int USING btree AS OPERATOR 1 < | CREATE OPERATOR CLASS",
            "CREATE SCHEMA s | CREATE SCHEMA",
            "CREATE TYPE mood AS ENUM ('a') | CREATE TYPE",
            "DROP TABLE IF EXISTS t | DROP TABLE",
            "DROP GROUP g | DROP ROLE",
            "DROP OWNED BY bob | DROP OWNED",
            "COMMENT ON TABLE t IS 'x' | COMMENT",
            "GRANT SELECT ON t TO bob | GRANT",
            "GRANT admins TO bob | GRANT ROLE",
            "REVOKE admins FROM bob | REVOKE ROLE",
            "TRUNCATE t | TRUNCATE TABLE",
            "REFRESH MATERIALIZED VIEW mv | REFRESH MATERIALIZED VIEW",
            "SELECT 1 INTO t | null",
            "CREATE \"weird\" | null",
            "VACUUM t | null"})
    void tagOfTheStatement(String sql, String tag) {
        assertThat(PgCommandTags.of(sql)).isEqualTo(tag);
    }
}
