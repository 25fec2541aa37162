package io.schemagate.policy.ddl.pg;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Analyzers;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementAnalyzer;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PgAnalyzerTest {

    private static StatementAnalyzer analyzer;

    @BeforeAll
    static void libraryIsInstalled() {
        // The build machine must have libpg_query; a missing library fails here rather than skipping.
        assertThat(Analyzers.status(Dialect.POSTGRESQL).message()).isNull();
        analyzer = Analyzers.forDialect(Dialect.POSTGRESQL, null);
    }

    private static AnalyzedStatement one(String sql) {
        List<AnalyzedStatement> all = analyzer.analyze(sql);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private static Operation op(String sql) {
        AnalyzedStatement s = one(sql);
        assertThat(s.statementClass()).as(s.unknownReason()).isEqualTo(StatementClass.DDL);
        assertThat(s.operations()).hasSize(1);
        return s.operations().get(0);
    }

    @Test
    void addColumnWithVolatileDefaultAndNotNull() {
        var add = (Operation.AddColumn) op("ALTER TABLE public.t ADD COLUMN ts timestamptz DEFAULT clock_timestamp() NOT NULL");
        assertThat(add.table()).isEqualTo(new TableRef("public", "t"));
        ColumnDef c = add.column();
        assertThat(c.name()).isEqualTo("ts");
        assertThat(c.type()).isEqualTo("timestamptz");
        assertThat(c.notNull()).isTrue();
        assertThat(c.defaultValue().sql()).isEqualTo("clock_timestamp()");
        assertThat(c.defaultValue().volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(c.defaultValue().functionNames()).containsExactly("clock_timestamp");
    }

    @Test
    void defaultVolatility() {
        assertThat(defaultOf("int DEFAULT 0").volatility()).isEqualTo(Volatility.IMMUTABLE);
        assertThat(defaultOf("text DEFAULT 'x' || 'y'").sql()).isEqualTo("'x' || 'y'");
        assertThat(defaultOf("text DEFAULT 'x' || 'y'").volatility()).isEqualTo(Volatility.IMMUTABLE);
        assertThat(defaultOf("text DEFAULT ''::text").volatility()).isEqualTo(Volatility.IMMUTABLE);
        assertThat(defaultOf("timestamptz DEFAULT now()").volatility()).isEqualTo(Volatility.STABLE);
        assertThat(defaultOf("timestamp DEFAULT CURRENT_TIMESTAMP").volatility()).isEqualTo(Volatility.STABLE);
        assertThat(defaultOf("timestamp DEFAULT CURRENT_TIMESTAMP").functionNames()).containsExactly("current_timestamp");
        assertThat(defaultOf("date DEFAULT CURRENT_DATE").volatility()).isEqualTo(Volatility.STABLE);
        assertThat(defaultOf("uuid DEFAULT gen_random_uuid()").volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(defaultOf("uuid DEFAULT uuid_generate_v4()").volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(defaultOf("boolean DEFAULT random() > 0.5").volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(defaultOf("int DEFAULT my_func()").volatility()).isEqualTo(Volatility.UNKNOWN);
        assertThat(defaultOf("int DEFAULT app.my_func()").functionNames()).containsExactly("app.my_func");
        assertThat(defaultOf("interval DEFAULT interval '1 day'").sql()).isEqualTo("interval '1 day'");
        assertThat(defaultOf("text DEFAULT E'it\\'s' NOT NULL").sql()).isEqualTo("E'it\\'s'");
        assertThat(defaultOf("numeric DEFAULT -1.5e3").volatility()).isEqualTo(Volatility.IMMUTABLE);
    }

    private static io.schemagate.policy.ddl.Expression defaultOf(String columnTail) {
        return ((Operation.AddColumn) op("ALTER TABLE t ADD COLUMN c " + columnTail)).column().defaultValue();
    }

    @Test
    void serialIsIdentityWithVolatileDefault() {
        ColumnDef c = ((Operation.AddColumn) op("ALTER TABLE t ADD COLUMN b bigserial PRIMARY KEY")).column();
        assertThat(c.identity()).isTrue();
        assertThat(c.defaultValue().volatility()).isEqualTo(Volatility.VOLATILE);
        assertThat(c.constraints()).singleElement().satisfies(k -> assertThat(k.kind()).isEqualTo(ConstraintKind.PRIMARY_KEY));
    }

    @Test
    void inlineConstraints() {
        ColumnDef c = ((Operation.AddColumn) op("ALTER TABLE t ADD COLUMN k text NOT NULL DEFAULT 'x' "
                + "CONSTRAINT k_len CHECK (length(k) < 10) REFERENCES other(k)")).column();
        assertThat(c.defaultValue().sql()).isEqualTo("'x'");
        assertThat(c.constraints()).hasSize(2);
        assertThat(c.constraints().get(0).name()).isEqualTo("k_len");
        assertThat(c.constraints().get(0).expression().sql()).isEqualTo("length(k) < 10");
        assertThat(c.constraints().get(1).kind()).isEqualTo(ConstraintKind.FOREIGN_KEY);
        assertThat(c.constraints().get(1).referencedTable()).isEqualTo(TableRef.of("other"));
        assertThat(c.constraints().get(1).columns()).containsExactly("k");
    }

    @Test
    void notValidConstraintsAndValidate() {
        var fk = (Operation.AddConstraint) op("ALTER TABLE orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY "
                + "(customer_id) REFERENCES customers (id) NOT VALID");
        assertThat(fk.constraint().notValid()).isTrue();
        assertThat(fk.constraint().columns()).containsExactly("customer_id");
        assertThat(fk.constraint().referencedColumns()).containsExactly("id");
        var check = (Operation.AddConstraint) op("ALTER TABLE orders ADD CONSTRAINT qty_positive CHECK ((qty > 0) AND (qty < 9)) NOT VALID");
        assertThat(check.constraint().notValid()).isTrue();
        assertThat(check.constraint().expression().sql()).isEqualTo("(qty > 0) AND (qty < 9)");
        var plain = (Operation.AddConstraint) op("ALTER TABLE orders ADD CHECK (qty > 0)");
        assertThat(plain.constraint().notValid()).isFalse();
        assertThat(op("ALTER TABLE orders VALIDATE CONSTRAINT qty_positive"))
                .isEqualTo(new Operation.ValidateConstraint(TableRef.of("orders"), "qty_positive"));
        var using = (Operation.AddConstraint) op("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_idx");
        assertThat(using.constraint().usingIndex()).isEqualTo("users_email_idx");
    }

    @Test
    void createIndexConcurrently() {
        var idx = (Operation.CreateIndex) op("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS \"UserEmailIdx\" "
                + "ON \"Users\" USING btree (lower(\"Email\"), id) WHERE deleted_at IS NULL");
        assertThat(idx.concurrently()).isTrue();
        assertThat(idx.unique()).isTrue();
        assertThat(idx.ifNotExists()).isTrue();
        assertThat(idx.partial()).isTrue();
        assertThat(idx.method()).isEqualTo("btree");
        assertThat(idx.name()).isEqualTo("UserEmailIdx");
        assertThat(idx.table()).isEqualTo(TableRef.of("Users"));
        assertThat(idx.columns()).containsExactly("(lower(\"Email\"))", "id");
        var plain = (Operation.CreateIndex) op("CREATE INDEX i ON t (a)");
        assertThat(plain.concurrently()).isFalse();
        var drop = (Operation.DropIndex) op("DROP INDEX CONCURRENTLY IF EXISTS idx_orders_customer");
        assertThat(drop.concurrently()).isTrue();
        assertThat(drop.ifExists()).isTrue();
    }

    @Test
    void multipleSubcommandsKeepTheirOrder() {
        AnalyzedStatement s = one("ALTER TABLE t ALTER COLUMN price SET DEFAULT 0, ALTER COLUMN price SET NOT NULL, "
                + "ADD CONSTRAINT price_nonneg CHECK (price >= 0) NOT VALID, ALTER COLUMN x DROP DEFAULT");
        assertThat(s.operations()).extracting(Operation::kind).extracting(Enum::name)
                .containsExactly("SET_DEFAULT", "SET_NOT_NULL", "ADD_CONSTRAINT", "SET_DEFAULT");
        assertThat(((Operation.SetDefault) s.operations().get(0)).value().sql()).isEqualTo("0");
        assertThat(((Operation.SetDefault) s.operations().get(3)).value()).isNull();
        assertThat(s.fullyUnderstood()).isTrue();
    }

    @Test
    void alterColumnTypeWithUsing() {
        var t = (Operation.AlterColumnType) op("ALTER TABLE t ALTER COLUMN c SET DATA TYPE varchar(40) USING c::varchar(40)");
        assertThat(t.newType()).isEqualTo("varchar(40)");
        assertThat(t.using().sql()).isEqualTo("c::varchar(40)");
    }

    @Test
    void batchesSplitWithOffsetsAndClasses() {
        String sql = "SET lock_timeout = '2s';\nBEGIN; ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true; COMMIT;\nSELECT 1";
        List<AnalyzedStatement> all = analyzer.analyze(sql);
        assertThat(all).extracting(AnalyzedStatement::statementClass).containsExactly(StatementClass.SESSION,
                StatementClass.TRANSACTION_CONTROL, StatementClass.DDL, StatementClass.TRANSACTION_CONTROL,
                StatementClass.NOT_DDL);
        assertThat(all.get(2).offset()).isEqualTo(sql.indexOf("ALTER"));
        assertThat(all.get(2).line()).isEqualTo(2);
        assertThat(all.get(4).line()).isEqualTo(3);
    }

    @Test
    void opaqueAndUnknown() {
        assertThat(one("DO $$ BEGIN EXECUTE 'DROP TABLE t'; END $$").statementClass()).isEqualTo(StatementClass.OPAQUE);
        assertThat(one("CALL p()").statementClass()).isEqualTo(StatementClass.OPAQUE);
        AnalyzedStatement broken = one("ALTER TABLE t ADD COLUMN x int NOT NULLL");
        assertThat(broken.statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(broken.unknownReason()).contains("syntax error");
        AnalyzedStatement unterminated = one("ALTER TABLE t ADD COLUMN x text DEFAULT 'oops");
        assertThat(unterminated.statementClass()).isEqualTo(StatementClass.UNKNOWN);
        assertThat(unterminated.unknownReason()).contains("unterminated");
        AnalyzedStatement moveAll = one("ALTER TABLE t SET WITHOUT OIDS");
        assertThat(moveAll.fullyUnderstood()).isFalse();
        assertThat(moveAll.operations().get(0)).isInstanceOf(Operation.Unknown.class);
    }

    @Test
    void queryThatSplitsDifferentlyWithoutStandardConformingStringsIsUnknown() {
        // With standard_conforming_strings off, 'x\'' is one string and the DROP is a statement.
        List<AnalyzedStatement> all = analyzer.analyze("SELECT 'x\\'', 'y'; DROP TABLE t; --'");
        assertThat(all).allSatisfy(s -> {
            assertThat(s.statementClass()).isEqualTo(StatementClass.UNKNOWN);
            assertThat(s.unknownReason()).contains("standard_conforming_strings");
        });
        // Backslashes that read the same either way are fine.
        assertThat(one("SELECT 'C:\\dir', E'it\\'s'").statementClass()).isEqualTo(StatementClass.NOT_DDL);
    }

    @Test
    void sqlStandardFunctionBodyIsOneStatement() {
        List<AnalyzedStatement> all = analyzer.analyze("CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC "
                + "SELECT 1; SELECT 2; END; SELECT f()");
        assertThat(all).extracting(AnalyzedStatement::statementClass).containsExactly(StatementClass.DDL, StatementClass.NOT_DDL);
        assertThat(all.get(0).operations()).containsExactly(new Operation.OtherDdl(null, "create-function"));
    }

    @Test
    void analysesConcurrentlyFromManyThreads() throws Exception {
        String sql = "ALTER TABLE t ADD COLUMN c int DEFAULT random()::int, ADD CONSTRAINT k CHECK (c > 0) NOT VALID";
        List<AnalyzedStatement> expected = analyzer.analyze(sql);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<AnalyzedStatement>>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                results.add(pool.submit(() -> analyzer.analyze(sql)));
            }
            for (var r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void otherStatementForms() {
        assertThat(op("ALTER TABLE users RENAME COLUMN email TO email_address"))
                .isEqualTo(new Operation.RenameColumn(TableRef.of("users"), "email", "email_address"));
        assertThat(op("ALTER TABLE users RENAME TO accounts"))
                .isEqualTo(new Operation.RenameTable(TableRef.of("users"), TableRef.of("accounts")));
        assertThat(op("TRUNCATE t CASCADE")).isEqualTo(new Operation.Truncate(TableRef.of("t"), true));
        assertThat(op("DROP TABLE IF EXISTS s.t")).isEqualTo(new Operation.DropTable(new TableRef("s", "t"), true, false));
        assertThat(op("VACUUM FULL t")).isEqualTo(new Operation.TableRewrite(TableRef.of("t"), "vacuum-full"));
        assertThat(op("CLUSTER t USING i")).isEqualTo(new Operation.TableRewrite(TableRef.of("t"), "cluster"));
        assertThat(op("ALTER TYPE mood ADD VALUE 'meh' BEFORE 'sad'"))
                .isEqualTo(new Operation.AlterEnumAddValue("mood", "meh", true));
        assertThat(op("REINDEX INDEX CONCURRENTLY i")).isEqualTo(new Operation.Reindex(null, "INDEX i", true));
        assertThat(op("ALTER TABLE t DETACH PARTITION p CONCURRENTLY"))
                .isEqualTo(new Operation.Partition(TableRef.of("t"), TableRef.of("p"), false, true));
        assertThat(op("ALTER TABLE t SET UNLOGGED")).isEqualTo(new Operation.TableOption(TableRef.of("t"), "set_unlogged", null));
        assertThat(op("CREATE VIEW v AS SELECT 1")).isEqualTo(new Operation.OtherDdl(null, "create-view"));
        assertThat(op("SELECT * INTO t2 FROM t")).isInstanceOf(Operation.CreateTable.class);
        var create = (Operation.CreateTable) op("CREATE TEMP TABLE x (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "email text NOT NULL UNIQUE, CONSTRAINT c CHECK (email <> ''))");
        assertThat(create.temporary()).isTrue();
        assertThat(create.columns()).hasSize(2);
        assertThat(create.columns().get(0).identity()).isTrue();
        assertThat(create.constraints()).singleElement().satisfies(c -> assertThat(c.expression().sql()).isEqualTo("email <> ''"));
    }
}
