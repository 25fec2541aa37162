package io.schemagate.policy.sql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SqlLexerTest {

    private static final SqlLexer PG = SqlLexer.forDialect(Dialect.POSTGRESQL);
    private static final SqlLexer MY = SqlLexer.forDialect(Dialect.MYSQL);
    private static final SqlLexer MYSQL_8 = SqlLexer.forServer(ServerVersion.parse(Dialect.MYSQL, "8.0.32"));
    private static final SqlLexer MYSQL_57 = SqlLexer.forServer(ServerVersion.parse(Dialect.MYSQL, "5.7.44"));
    private static final SqlLexer MARIADB = SqlLexer.forServer(ServerVersion.parse(Dialect.MYSQL, "10.11.6-MariaDB"));

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "select * from users where id = $1",
            "SELECT 'ALTER TABLE t DROP COLUMN c'",
            "SELECT 'it''s; DROP TABLE t'",
            "SELECT E'\\''; ",
            "SELECT E'it\\'s; DROP TABLE t'",
            "SELECT $$; DROP TABLE t; $$",
            "SELECT $body$ DROP TABLE t; $x$ still inside $body$",
            "SELECT \"drop\" FROM \"alter\"",
            "SELECT 1 /* DROP TABLE t; /* nested */ still comment; */",
            "SELECT 1 -- ; DROP TABLE t",
            "insert into t values (1, 'x'); update t set a = 2; delete from t",
            "WITH x AS (INSERT INTO t VALUES (1) RETURNING *) SELECT * FROM x",
            "BEGIN; SELECT 1; COMMIT",
            "SET lock_timeout = '2s'",
            "(SELECT 1) UNION (SELECT 2)",
            "",
            "  -- only a comment",
            "SELECT a$b$ FROM t",
            "PREPARE p AS SELECT 1; EXECUTE p",
            "SELECT 'héllo wörld ünicode', 'дроп'",
            "UPDATE t SET a = E'\\''; --'",
            "UPDATE t SET a = $q$ ; DROP TABLE t; $q$ WHERE b = $1",
            "UPDATE t SET a$b = 1 WHERE c = $2",
            "UPDATE t SET a = 1 /* ; DROP TABLE t; /* nested */ ; */",
            "UPDATE t SET a = 1 -- ; DROP TABLE t",
            "SELECT id, created_at, into_x, increate FROM cc WHERE \"into\" = 1 AND c = 'INTO CREATE'",
            "with x as (insert into t values (1) returning *) select * from x",
    })
    void postgresNonDdl(String sql) {
        assertThat(PG.mayContainDdl(sql)).as(sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE t ADD COLUMN c int",
            "SELECT 1; DROP TABLE t",
            "select 1;drop table t",
            "SELECT 'x'; TRUNCATE t",
            "/* comment */ CREATE INDEX i ON t (a)",
            "-- migration\nALTER TABLE t ADD c int",
            "SELECT $$x$$; COMMENT ON TABLE t IS 'x'",
            "DO $$ BEGIN EXECUTE 'DROP TABLE t'; END $$",
            "CALL do_things()",
            "SELECT * INTO new_table FROM t",
            "WITH x AS (SELECT 1) SELECT * INTO new_table FROM x",
            "EXPLAIN ANALYZE CREATE TABLE t2 AS SELECT 1",
            "VACUUM FULL t",
            "REINDEX TABLE t",
            "GRANT SELECT ON t TO u",
            "SELECT 'unterminated",
            "SELECT $$ unterminated",
            "SELECT 1 /* unterminated",
            "SELECT 1 /* nested /* */ still open",
            "SELECT \"unterminated",
            "SELECT 'a\\'; DROP TABLE t; --'",
            "SOMETHING_NEW t",
            "'string first'",
            "SELECT 1; 42",
            "SELECT a$b$ FROM t; DROP TABLE x; SELECT $b$",
            "SELECT 1$b$'$b$; DROP TABLE t; --'",
            "SELECT x FROM t WHERE a = E'\\''; DROP TABLE t; --'",
            "UPDATE t SET a = E'\\''; DROP TABLE t; --'",
            "UPDATE t SET a = 1 /* ; */ ; /* x */ DROP TABLE t",
            "UPDATE t SET a = $q$ ; $q$; DROP TABLE t",
            "DELETE FROM t WHERE x = 'a''b'; ALTER TABLE t ADD c int",
            "select 1 into t",
            "SELECT c FROM x\"y\"INTO t",
            "WITH x AS (INSERT /* c */ INTO t VALUES (1)) SELECT 1",
            "explain analyze create table t2 as select 1",
    })
    void postgresMayContainDdl(String sql) {
        assertThat(PG.mayContainDdl(sql)).as(sql).isTrue();
    }

    @Test
    void postgresBackslashInPlainStringIsAmbiguousOnlyWhenSettingUnknown() {
        // With standard_conforming_strings off the server reads 'x\'', 'y' as one string and then DROP.
        String sql = "SELECT 'x\\'', 'y'; DROP TABLE t; --'";
        assertThat(PG.mayContainDdl(sql)).isTrue();
        assertThat(PG.withBackslashMode(BackslashMode.ALWAYS).mayContainDdl(sql)).isTrue();
        assertThat(PG.withBackslashMode(BackslashMode.NEVER).mayContainDdl("SELECT 'C:\\path'")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SELECT 1",
            "SELECT `drop` FROM `alter table`",
            "SELECT 'it\\'s; DROP TABLE t'",
            "SELECT \"a; DROP TABLE t\"",
            "SELECT 1 # ; DROP TABLE t",
            "SELECT 1 -- ; DROP TABLE t",
            "SELECT 1 /* DROP TABLE t; */",
            "SELECT /*+ MAX_EXECUTION_TIME(1000) */ * FROM t",
            "SELECT /*! 1 */",
            "SET NAMES utf8mb4",
            "REPLACE INTO t VALUES (1)",
            "SELECT * FROM t INTO OUTFILE '/tmp/x'",
            "DO SLEEP(1)",
            "UPDATE t SET a = 'x\\'; DROP TABLE t; --'",
            "UPDATE t SET a = 1 # ; DROP TABLE t",
            "UPDATE t SET a = 1 -- ; DROP TABLE t",
            "UPDATE t SET a = 2*3 /*!40000 , b = 1 */",
            "INSERT INTO `a;b` VALUES (\"x;y\")",
    })
    void mysqlNonDdl(String sql) {
        assertThat(MYSQL_8.withBackslashMode(BackslashMode.ALWAYS).mayContainDdl(sql)).as(sql).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE t ADD COLUMN c int",
            "/*!ALTER TABLE t ADD COLUMN c int*/",
            "/*!50100 ALTER TABLE t ADD COLUMN c int */",
            "SELECT 1; /*!40101 DROP TABLE t */",
            "SELECT 1 --1\n; DROP TABLE t",
            "SELECT 1 --1; DROP TABLE t",
            "PREPARE s FROM 'ALTER TABLE t ADD c int'",
            "EXECUTE s",
            "CALL p()",
            "RENAME TABLE a TO b",
            "OPTIMIZE TABLE t",
            "SELECT 'unterminated",
            "SELECT `unterminated",
            "SELECT 1 /* unterminated",
            "UPDATE t SET a = 1 --1\n; DROP TABLE t",
            "UPDATE t SET a = 1 /*!50000 ; DROP TABLE t */",
            "UPDATE t SET a = 'x'; /*!ALTER TABLE t ADD c int*/",
    })
    void mysqlMayContainDdl(String sql) {
        assertThat(MYSQL_8.mayContainDdl(sql)).as(sql).isTrue();
        assertThat(MY.mayContainDdl(sql)).as(sql).isTrue();
    }

    @Test
    void mysqlVersionedExecutableCommentsFollowTheServerVersion() {
        String sql = "SELECT 1 /*!80000 ; DROP TABLE t */";
        assertThat(MYSQL_8.mayContainDdl(sql)).isTrue();
        assertThat(MYSQL_57.mayContainDdl(sql)).isFalse();
        // MariaDB compares with its own 10.x number, so it runs MySQL 8.0 executable comments.
        assertThat(MARIADB.mayContainDdl(sql)).isTrue();
        // Unknown server: cannot decide, fail closed.
        assertThat(MY.mayContainDdl("SELECT /*!50000 1 */")).isTrue();
        assertThat(MYSQL_8.mayContainDdl("SELECT /*!50000 1 */")).isFalse();
    }

    @Test
    void mariaDbOnlyCommentsRunOnlyOnMariaDb() {
        String sql = "SELECT 1 /*M!100100 ; DROP TABLE t */";
        assertThat(MARIADB.mayContainDdl(sql)).isTrue();
        assertThat(MYSQL_8.mayContainDdl(sql)).isFalse();
        assertThat(MY.mayContainDdl(sql)).isTrue();
    }

    @Test
    void skippedExecutableCommentHidesAStatementFromTheOldServer() {
        // On 5.7 the comment is skipped and the statement is the DROP; on 8.0 it starts with SELECT.
        String sql = "/*!80000 SELECT 1; */ DROP TABLE t";
        assertThat(MYSQL_57.mayContainDdl(sql)).isTrue();
        assertThat(MYSQL_8.mayContainDdl(sql)).isTrue();
    }

    @Test
    void mysqlBackslashInStringIsAmbiguousWhenModeUnknown() {
        // With NO_BACKSLASH_ESCAPES the string ends at the second quote and the DROP is code.
        String sql = "SELECT 'a\\'; DROP TABLE t; -- '";
        assertThat(MY.mayContainDdl(sql)).isTrue();
        assertThat(MY.withBackslashMode(BackslashMode.NEVER).mayContainDdl(sql)).isTrue();
        assertThat(MY.withBackslashMode(BackslashMode.ALWAYS).mayContainDdl(sql)).isFalse();
    }

    @Test
    void scansOnlyTheGivenRangeOfTheBuffer() {
        byte[] buf = "xxSELECT 1; DROP TABLE t".getBytes(StandardCharsets.UTF_8);
        assertThat(PG.mayContainDdl(buf, 2, 10)).isFalse();
        assertThat(PG.mayContainDdl(buf, 2, buf.length)).isTrue();
    }

    @Test
    void splitGivesOffsetsLinesAndKeywords() {
        String sql = "SELECT 'a;b';\n\n  -- c\n  CREATE UNIQUE INDEX CONCURRENTLY i ON t (a);;\nALTER TABLE t ADD c int";
        List<StatementSpan> spans = PG.split(sql);
        assertThat(spans).hasSize(3);
        assertThat(spans.get(0).sql()).isEqualTo("SELECT 'a;b'");
        assertThat(spans.get(0).line()).isEqualTo(1);
        StatementSpan index = spans.get(1);
        assertThat(index.sql()).isEqualTo("CREATE UNIQUE INDEX CONCURRENTLY i ON t (a)");
        assertThat(index.offset()).isEqualTo(sql.indexOf("CREATE"));
        assertThat(index.line()).isEqualTo(4);
        assertThat(index.keywords()).containsExactly("CREATE", "UNIQUE", "INDEX", "CONCURRENTLY");
        assertThat(spans.get(2).firstKeyword()).isEqualTo("ALTER");
        assertThat(spans.get(2).line()).isEqualTo(5);
        assertThat(spans).allSatisfy(s -> assertThat(s.problem()).isNull());
    }

    @Test
    void splitCountsOffsetsInCharsAcrossMultiByteText() {
        String sql = "SELECT 'ü😀'; DROP TABLE t";
        List<StatementSpan> spans = PG.split(sql);
        assertThat(spans.get(1).offset()).isEqualTo(sql.indexOf("DROP"));
        assertThat(spans.get(1).sql()).isEqualTo("DROP TABLE t");
    }

    @Test
    void splitReportsUnterminatedText() {
        List<StatementSpan> spans = PG.split("SELECT 1; SELECT $x$ never closed");
        assertThat(spans).hasSize(2);
        assertThat(spans.get(1).problem()).contains("dollar");
    }

    @Test
    void splitKeepsRoutineBodiesTogether() {
        List<StatementSpan> pg = PG.split("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC "
                + "SELECT CASE WHEN true THEN 1 END; SELECT 2; END; SELECT 3");
        assertThat(pg).extracting(StatementSpan::firstKeyword).containsExactly("CREATE", "SELECT");
        assertThat(pg.get(0).sql()).endsWith("SELECT 2; END");
        List<StatementSpan> my = MYSQL_8.split("CREATE DEFINER=`root`@`%` PROCEDURE p() BEGIN "
                + "IF 1 THEN SELECT 1; END IF; WHILE 0 DO SELECT 2; END WHILE; "
                + "CASE WHEN 1 THEN SELECT 3; END CASE; lbl: LOOP LEAVE lbl; END LOOP; END; SELECT 4");
        assertThat(my).hasSize(2);
        assertThat(my.get(1).sql()).isEqualTo("SELECT 4");
        // Not a routine: BEGIN is a transaction and splits as usual.
        assertThat(MYSQL_8.split("BEGIN; SELECT 1; END")).hasSize(3);
    }

    @Test
    void splitUnwrapsMysqlExecutableComments() {
        List<StatementSpan> spans = MYSQL_8.split("/*!50100 ALTER TABLE t ADD c int */; SELECT /*!90000 DROP */ 1");
        assertThat(spans).hasSize(2);
        assertThat(spans.get(0).sql()).startsWith("/*!50100 ALTER");
        assertThat(spans.get(0).code().trim()).isEqualTo("ALTER TABLE t ADD c int");
        assertThat(spans.get(0).firstKeyword()).isEqualTo("ALTER");
        assertThat(spans.get(1).code().replaceAll("\\s+", " ")).isEqualTo("SELECT 1");
    }
}
