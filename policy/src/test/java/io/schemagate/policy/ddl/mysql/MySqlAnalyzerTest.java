package io.schemagate.policy.ddl.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MySqlAnalyzerTest {

    private static final StatementAnalyzer MYSQL_8 = Analyzers.forDialect(Dialect.MYSQL,
            ServerVersion.parse(Dialect.MYSQL, "8.0.36"));
    private static final StatementAnalyzer MYSQL_57 = Analyzers.forDialect(Dialect.MYSQL,
            ServerVersion.parse(Dialect.MYSQL, "5.7.44"));
    private static final StatementAnalyzer MARIADB = Analyzers.forDialect(Dialect.MYSQL,
            ServerVersion.parse(Dialect.MYSQL, "10.11.6-MariaDB"));

    private static AnalyzedStatement one(String sql) {
        List<AnalyzedStatement> all = MYSQL_8.analyze(sql);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static AnalyzedStatement ddl(String sql) {
        AnalyzedStatement s = one(sql);
        assertThat(s.statementClass()).as(s.unknownReason()).isEqualTo(StatementClass.DDL);
        return s;
    }

    @Test
    void addColumnWithPositionAndOnlineOptions() {
        AnalyzedStatement s = ddl("ALTER TABLE `shop`.`orders` ADD COLUMN `coupon_code` varchar(64) CHARACTER SET utf8mb4 "
                + "COLLATE utf8mb4_unicode_ci DEFAULT NULL COMMENT 'coupon' AFTER `total`, ALGORITHM=INSTANT");
        assertThat(s.onlineOptions()).isEqualTo(new OnlineDdlOptions("INSTANT", null));
        var add = (Operation.AddColumn) s.operations().get(0);
        assertThat(add.table()).isEqualTo(new TableRef("shop", "orders"));
        assertThat(add.position()).isEqualTo(new ColumnPosition(ColumnPosition.Kind.AFTER, "total"));
        ColumnDef c = add.column();
        assertThat(c.name()).isEqualTo("coupon_code");
        assertThat(c.type()).isEqualTo("varchar(64)");
        assertThat(c.hasDefault()).isFalse();
        assertThat(c.charset()).isEqualTo("utf8mb4 collate utf8mb4_unicode_ci");
        assertThat(s.fullyUnderstood()).isTrue();
    }

    @Test
    void algorithmAndLockValuesAreChecked() {
        assertThat(ddl("ALTER TABLE t ADD COLUMN c INT, ALGORITHM=INPLACE, LOCK=NONE").onlineOptions())
                .isEqualTo(new OnlineDdlOptions("INPLACE", "NONE"));
        assertThat(ddl("ALTER TABLE t ALGORITHM=INSTANT, ADD COLUMN c INT").onlineOptions().algorithm()).isEqualTo("INSTANT");
        AnalyzedStatement typo = one("ALTER TABLE t ALGORITHM=INSTNT, ADD x int");
        assertThat(typo.statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(typo.unknownReason()).contains("INSTNT");
        AnalyzedStatement twice = one("ALTER TABLE t ADD x int, ALGORITHM=INSTANT, ALGORITHM=COPY");
        assertThat(twice.statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(twice.unknownReason()).contains("twice");
        assertThat(one("ALTER TABLE t ADD x int, LOCK=NOPE").statementClass()).isEqualTo(StatementClass.UNKNOWN);
        // NOCOPY is MariaDB's.
        assertThat(one("ALTER TABLE t ADD x int, ALGORITHM=NOCOPY").statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(MARIADB.analyze("ALTER TABLE t ADD x int, ALGORITHM=NOCOPY").get(0).onlineOptions().algorithm())
                .isEqualTo("NOCOPY");
    }

    @Test
    void createAndDropIndexOnlineOptions() {
        AnalyzedStatement s = ddl("CREATE UNIQUE INDEX uk ON t (a DESC, b) USING BTREE COMMENT 'x' ALGORITHM=INPLACE LOCK=SHARED");
        assertThat(s.onlineOptions()).isEqualTo(new OnlineDdlOptions("INPLACE", "SHARED"));
        var idx = (Operation.CreateIndex) s.operations().get(0);
        assertThat(idx.unique()).isTrue();
        assertThat(idx.columns()).containsExactly("a", "b");
        assertThat(idx.method()).isEqualTo("btree");
        AnalyzedStatement drop = ddl("DROP INDEX idx_name ON users ALGORITHM=INPLACE LOCK=NONE");
        assertThat(drop.onlineOptions()).isEqualTo(new OnlineDdlOptions("INPLACE", "NONE"));
        assertThat(drop.operations()).containsExactly(new Operation.DropIndex(TableRef.of("users"), "idx_name", false, false));
        var prefix = (Operation.CreateIndex) ddl("CREATE INDEX idx ON users (last_name(10), first_name)").operations().get(0);
        assertThat(prefix.columns()).containsExactly("last_name(10)", "first_name");
    }

    @Test
    void defaultVolatility() {
        assertThat(defaultOf("INT DEFAULT 0").volatility()).isEqualTo(Volatility.IMMUTABLE);
        assertThat(defaultOf("DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)").volatility())
                .isEqualTo(Volatility.STABLE);
        assertThat(defaultOf("DATETIME DEFAULT CURRENT_TIMESTAMP").volatility()).isEqualTo(Volatility.STABLE);
        assertThat(defaultOf("BINARY(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID()))").volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(defaultOf("BINARY(16) NOT NULL DEFAULT (UUID_TO_BIN(UUID()))").functionNames()).contains("uuid");
        assertThat(defaultOf("DOUBLE DEFAULT (RAND())").volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(defaultOf("JSON NOT NULL DEFAULT (JSON_OBJECT())").volatility()).isEqualTo(Volatility.IMMUTABLE);
        assertThat(defaultOf("INT DEFAULT (my_func())").volatility()).isEqualTo(Volatility.UNKNOWN);
        assertThat(defaultOf("VARCHAR(20) DEFAULT 'it''s'").sql()).isEqualTo("'it''s'");
    }

    private static io.schemagate.policy.ddl.Expression defaultOf(String tail) {
        return ((Operation.AddColumn) ddl("ALTER TABLE t ADD COLUMN c " + tail).operations().get(0)).column().defaultValue();
    }

    @Test
    void inlineConstraintsAutoIncrementAndGenerated() {
        ColumnDef c = column("ALTER TABLE t ADD COLUMN c INT DEFAULT 0 NOT NULL CHECK (c >= 0)");
        assertThat(c.notNull()).isTrue();
        assertThat(c.constraints()).singleElement().satisfies(k -> assertThat(k.kind()).isEqualTo(ConstraintKind.CHECK));
        ColumnDef ref = column("ALTER TABLE t ADD COLUMN ref_id INT REFERENCES other(id)");
        assertThat(ref.constraints().get(0).referencedTable()).isEqualTo(TableRef.of("other"));
        ColumnDef uk = column("ALTER TABLE t ADD COLUMN email VARCHAR(255) UNIQUE KEY");
        assertThat(uk.constraints().get(0).kind()).isEqualTo(ConstraintKind.UNIQUE);
        ColumnDef ai = column("ALTER TABLE t ADD COLUMN g BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY FIRST");
        assertThat(ai.identity()).isTrue();
        assertThat(ai.type()).isEqualTo("bigint unsigned");
        ColumnDef gen = column("ALTER TABLE users ADD COLUMN full_name VARCHAR(255) AS (CONCAT(first_name, ' ', last_name)) VIRTUAL");
        assertThat(gen.generated().stored()).isFalse();
        assertThat(gen.generated().expression().functionNames()).containsExactly("concat");
    }

    private static ColumnDef column(AnalyzedStatement s) {
        return ((Operation.AddColumn) s.operations().get(0)).column();
    }

    private static ColumnDef column(String sql) {
        return ((Operation.AddColumn) ddl(sql).operations().get(0)).column();
    }

    @Test
    void modifyChangeAndDrops() {
        var m = (Operation.ModifyColumn) ddl("ALTER TABLE users MODIFY `id` BIGINT UNSIGNED NOT NULL AUTO_INCREMENT FIRST")
                .operations().get(0);
        assertThat(m.column()).isEqualTo("id");
        assertThat(m.definition().type()).isEqualTo("bigint unsigned");
        assertThat(m.position().kind()).isEqualTo(ColumnPosition.Kind.FIRST);
        var ch = (Operation.ModifyColumn) ddl("ALTER TABLE t CHANGE COLUMN `old name` `new name` INT NOT NULL DEFAULT '0' "
                + "COMMENT 'renamed' AFTER id").operations().get(0);
        assertThat(ch.column()).isEqualTo("old name");
        assertThat(ch.definition().name()).isEqualTo("new name");
        assertThat(ch.position().after()).isEqualTo("id");
        AnalyzedStatement drops = ddl("ALTER TABLE t DROP PRIMARY KEY, DROP FOREIGN KEY fk, DROP CHECK ck, DROP INDEX i, DROP COLUMN c");
        assertThat(drops.operations()).containsExactly(
                new Operation.DropConstraint(TableRef.of("t"), "PRIMARY", ConstraintKind.PRIMARY_KEY, false),
                new Operation.DropConstraint(TableRef.of("t"), "fk", ConstraintKind.FOREIGN_KEY, false),
                new Operation.DropConstraint(TableRef.of("t"), "ck", ConstraintKind.CHECK, false),
                new Operation.DropIndex(TableRef.of("t"), "i", false, false),
                new Operation.DropColumn(TableRef.of("t"), "c", false, false));
    }

    @Test
    void tableLevelStatements() {
        assertThat(ddl("RENAME TABLE a TO b, c TO d").operations()).containsExactly(
                new Operation.RenameTable(TableRef.of("a"), TableRef.of("b")),
                new Operation.RenameTable(TableRef.of("c"), TableRef.of("d")));
        assertThat(ddl("TRUNCATE TABLE t").operations()).containsExactly(new Operation.Truncate(TableRef.of("t"), false));
        assertThat(ddl("OPTIMIZE TABLE t").operations()).containsExactly(new Operation.TableRewrite(TableRef.of("t"), "optimize"));
        assertThat(ddl("ALTER TABLE t ENGINE=InnoDB").operations())
                .containsExactly(new Operation.TableOption(TableRef.of("t"), "engine", "InnoDB"));
        assertThat(ddl("ALTER TABLE t CONVERT TO CHARACTER SET utf8mb4").operations())
                .containsExactly(new Operation.TableOption(TableRef.of("t"), "convert_charset", "utf8mb4"));
        var create = (Operation.CreateTable) ddl("CREATE TABLE IF NOT EXISTS `orders` (`id` bigint unsigned NOT NULL "
                + "AUTO_INCREMENT, `user_id` bigint unsigned NOT NULL, PRIMARY KEY (`id`), KEY `idx_user` (`user_id`), "
                + "CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` (`id`) ON DELETE CASCADE) ENGINE=InnoDB")
                .operations().get(0);
        assertThat(create.ifNotExists()).isTrue();
        assertThat(create.columns()).hasSize(2);
        assertThat(create.constraints()).extracting(k -> k.kind())
                .containsExactly(ConstraintKind.PRIMARY_KEY, ConstraintKind.FOREIGN_KEY);
    }

    @Test
    void classesOfNonDdl() {
        List<AnalyzedStatement> all = MYSQL_8.analyze("SET SESSION lock_wait_timeout = 5; BEGIN; SELECT 1; "
                + "PREPARE s FROM 'ALTER TABLE t ADD c int'; EXECUTE s; CALL p(); COMMIT");
        assertThat(all).extracting(AnalyzedStatement::statementClass).containsExactly(StatementClass.SESSION,
                StatementClass.TRANSACTION_CONTROL, StatementClass.NOT_DDL, StatementClass.OPAQUE, StatementClass.OPAQUE,
                StatementClass.OPAQUE, StatementClass.TRANSACTION_CONTROL);
    }

    @Test
    void executableCommentsFollowTheServerVersion() {
        String sql = "/*!50100 ALTER TABLE t ADD COLUMN c INT */";
        AnalyzedStatement s = MYSQL_8.analyze(sql).get(0);
        assertThat(s.statementClass()).isEqualTo(StatementClass.DDL);
        assertThat(s.sql()).isEqualTo(sql);
        assertThat(s.operations().get(0)).isInstanceOf(Operation.AddColumn.class);
        String newer = "ALTER TABLE t ADD COLUMN c INT /*!80013 NOT NULL */";
        assertThat(column(MYSQL_8.analyze(newer).get(0)).notNull()).isTrue();
        assertThat(column(MYSQL_57.analyze(newer).get(0)).notNull()).isFalse();
        // MariaDB compares with its own 10.x number; /*M! is MariaDB's alone.
        assertThat(column(MARIADB.analyze(newer).get(0)).notNull()).isTrue();
        String maria = "ALTER TABLE t ADD COLUMN c INT /*M!100301 NOT NULL */";
        assertThat(column(MARIADB.analyze(maria).get(0)).notNull()).isTrue();
        assertThat(column(MYSQL_8.analyze(maria).get(0)).notNull()).isFalse();
        // Only on 8.0 is the DROP part of the statement.
        String hidden = "ALTER TABLE t ADD COLUMN c INT /*!80000 , DROP COLUMN d */";
        assertThat(MYSQL_8.analyze(hidden).get(0).operations()).hasSize(2);
        assertThat(MYSQL_57.analyze(hidden).get(0).operations()).hasSize(1);
    }

    @Test
    void mariaDbItemConditionals() {
        AnalyzedStatement s = MARIADB.analyze("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT, DROP INDEX IF EXISTS `i x`, "
                + "ADD COLUMN d INT, ALGORITHM=NOCOPY").get(0);
        assertThat(s.statementClass()).as(s.unknownReason()).isEqualTo(StatementClass.DDL);
        assertThat(s.sql()).contains("IF NOT EXISTS");
        assertThat(s.operations()).hasSize(3);
        assertThat(((Operation.AddColumn) s.operations().get(0)).ifNotExists()).isTrue();
        assertThat(((Operation.DropIndex) s.operations().get(1)).ifExists()).isTrue();
        assertThat(((Operation.DropIndex) s.operations().get(1)).name()).isEqualTo("i x");
        assertThat(((Operation.AddColumn) s.operations().get(2)).ifNotExists()).isFalse();
        // MySQL has no such clause: the server rejects it, so the analyser does too.
        assertThat(one("ALTER TABLE t ADD COLUMN IF NOT EXISTS c INT").statementClass()).isEqualTo(StatementClass.UNKNOWN);
    }

    @Test
    void queryThatSplitsDifferentlyWithNoBackslashEscapesIsUnknown() {
        List<AnalyzedStatement> all = MYSQL_8.analyze("UPDATE t SET a = 'x\\'; DROP TABLE t; -- '");
        assertThat(all).allSatisfy(s -> assertThat(s.statementClass()).isEqualTo(StatementClass.UNKNOWN));
        assertThat(one("UPDATE t SET a = 'it\\'s'").statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(one("UPDATE t SET a = 'C:\\\\dir'").statementClass()).isEqualTo(StatementClass.NOT_DDL);
        // Told the session's setting (the default), the same text is understood.
        StatementAnalyzer told = Analyzers.forDialect(Dialect.MYSQL, ServerVersion.DEFAULT_MYSQL,
                io.schemagate.policy.sql.BackslashMode.ALWAYS);
        AnalyzedStatement s = told.analyze("ALTER TABLE t ADD c varchar(9) DEFAULT 'it\\'s'").get(0);
        assertThat(s.fullyUnderstood()).isTrue();
        // A hidden clause under NO_BACKSLASH_ESCAPES: unknown unless told the session escapes.
        String hidden = "ALTER TABLE t ADD c text DEFAULT 'a\\', DROP COLUMN x, ADD d text DEFAULT '', ADD e int";
        assertThat(one(hidden).statementClass()).isEqualTo(StatementClass.UNKNOWN);
    }

    @Test
    void procedureBodyIsOneStatement() {
        List<AnalyzedStatement> all = MYSQL_8.analyze("CREATE PROCEDURE p() BEGIN IF 1 THEN SELECT 1; END IF; "
                + "ALTER TABLE t ADD c int; END; CALL p()");
        assertThat(all).extracting(AnalyzedStatement::statementClass).containsExactly(StatementClass.DDL, StatementClass.OPAQUE);
        assertThat(all.get(0).operations()).containsExactly(new Operation.OtherDdl(null, "create-procedure"));
    }

    @Test
    void brokenStatementsAreUnknown() {
        assertThat(one("ALTER TABLE t ADD COLUMN x int NOT NULLL").statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(one("ALTER TABLE t ADD x int garbage tokens here").statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(one("ALTER TABLE t ADD x int,, ADD y int").statementClass()).isEqualTo(StatementClass.UNKNOWN);
        AnalyzedStatement unterminated = one("ALTER TABLE t ADD x varchar(3) DEFAULT 'abc");
        assertThat(unterminated.statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(unterminated.unknownReason()).contains("unterminated");
        // "--1" is not a comment in MySQL: the parser must see the same code as the lexer.
        assertThat(one("ALTER TABLE t ADD x int DEFAULT 1 --1").statementClass()).isEqualTo(StatementClass.DDL);
    }
}
