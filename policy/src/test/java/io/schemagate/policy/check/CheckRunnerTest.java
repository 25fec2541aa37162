package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.StatementClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.schemagate.policy.check.Ddl.T;
import static io.schemagate.policy.check.Ddl.column;
import static org.assertj.core.api.Assertions.assertThat;

class CheckRunnerTest {

    private static final CheckRunner.Session PG15 = new CheckRunner.Session(Contexts.pg("15"), Catalog.NONE, false,
            true);

    private static List<List<String>> ids(List<CheckRunner.Result> results) {
        return results.stream().map(r -> r.findings().stream().map(Finding::checkId).toList()).toList();
    }

    private static AnalyzedStatement pgTx(String sql) {
        return Ddl.other(Dialect.POSTGRESQL, StatementClass.TRANSACTION_CONTROL, sql);
    }

    @Test
    void tablesCreatedEarlierInTheBatchAreExempt() {
        var create = Ddl.pg(new Operation.CreateTable(T, false, false, List.of(column("id", "bigint")), List.of(), false));
        var index = Ddl.pg(Ddl.createIndex("i", false, "id"));
        var results = CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(create, index), PG15);
        assertThat(ids(results)).containsExactly(List.of(), List.of());
        var alone = CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(index), PG15);
        assertThat(ids(alone)).containsExactly(List.of("index-without-concurrently"));
    }

    @Test
    void tablesTheSessionCreatedInItsOpenTransactionAreExempt() {
        var index = Ddl.pg(Ddl.createIndex("i", false, "id"));
        var session = new CheckRunner.Session(Contexts.pg("15"), Catalog.NONE, true, true, java.util.Set.of(T));
        assertThat(ids(CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(index), session)))
                .containsExactly(List.of());
    }

    @Test
    void transactionBlocksAreTracked() {
        var cic = Ddl.pg(Ddl.createIndex("i", true, "id"));
        var results = CheckRunner.forDialect(Dialect.POSTGRESQL)
                .run(List.of(pgTx("BEGIN"), cic, pgTx("COMMIT"), cic), PG15);
        assertThat(ids(results)).containsExactly(List.of(), List.of("concurrent-index-in-transaction"), List.of(),
                List.of());
        var savepoint = CheckRunner.forDialect(Dialect.POSTGRESQL)
                .run(List.of(pgTx("START TRANSACTION"), pgTx("ROLLBACK TO SAVEPOINT s"), cic), PG15);
        assertThat(ids(savepoint).get(2)).containsExactly("concurrent-index-in-transaction");
    }

    @Test
    void notValidThenValidateInOneTransactionIsFlagged() {
        var add = Ddl.pg(Ddl.addConstraint(Ddl.foreignKey("fk", "o", true)));
        var validate = Ddl.pg(new Operation.ValidateConstraint(T, "fk"));
        var sameTx = CheckRunner.forDialect(Dialect.POSTGRESQL)
                .run(List.of(pgTx("BEGIN"), add, validate, pgTx("COMMIT")), PG15);
        assertThat(ids(sameTx).get(2)).containsExactly("constraint-missing-not-valid");
        var separate = CheckRunner.forDialect(Dialect.POSTGRESQL)
                .run(List.of(pgTx("BEGIN"), add, pgTx("COMMIT"), validate), PG15);
        assertThat(ids(separate).get(3)).isEmpty();
    }

    @Test
    void aValidatedNotNullCheckEarlierInTheBatchMakesSetNotNullSafe() {
        var add = Ddl.pg(Ddl.addConstraint(Ddl.check("accounts_email_nn", "email IS NOT NULL", true)));
        var validate = Ddl.pg(new Operation.ValidateConstraint(T, "accounts_email_nn"));
        var set = Ddl.pg(new Operation.SetNotNull(T, "email"));
        var results = CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(add, validate, set), PG15);
        assertThat(ids(results).get(2)).isEmpty();
        var withoutValidate = CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(add, set), PG15);
        assertThat(ids(withoutValidate).get(1)).containsExactly("setting-not-null");
        var pg11 = new CheckRunner.Session(Contexts.pg("11"), Catalog.NONE, false, true);
        assertThat(ids(CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(add, validate, set), pg11)).get(2))
                .containsExactly("setting-not-null");
    }

    @Test
    void lockTimeoutSetInTheBatchCounts() {
        var noTimeout = new CheckRunner.Session(Contexts.pg("15"), Catalog.NONE, false, false);
        var add = Ddl.pg(Ddl.addColumn(column("a", "int")));
        var runner = CheckRunner.forDialect(Dialect.POSTGRESQL);
        assertThat(ids(runner.run(List.of(add), noTimeout)).get(0)).containsExactly("missing-lock-timeout");
        var set = Ddl.other(Dialect.POSTGRESQL, StatementClass.SESSION, "SET lock_timeout = '2s'");
        assertThat(ids(runner.run(List.of(set, add), noTimeout)).get(1)).isEmpty();
        var off = Ddl.other(Dialect.POSTGRESQL, StatementClass.SESSION, "SET lock_timeout TO 0");
        assertThat(ids(runner.run(List.of(set, off, add), noTimeout)).get(2)).containsExactly("missing-lock-timeout");
        var mysqlSet = Ddl.other(Dialect.MYSQL, StatementClass.SESSION, "SET SESSION lock_wait_timeout=5");
        var myAdd = Ddl.my(new io.schemagate.policy.ddl.OnlineDdlOptions("INSTANT", null),
                Ddl.addColumn(column("a", "int")));
        var my = new CheckRunner.Session(Contexts.mysql("8.4.3"), Catalog.NONE, false, false);
        assertThat(ids(CheckRunner.forDialect(Dialect.MYSQL).run(List.of(mysqlSet, myAdd), my)).get(1)).isEmpty();
    }

    @Test
    void unknownAndOpaqueStatementsFailClosed() {
        var unknown = Ddl.other(Dialect.POSTGRESQL, StatementClass.UNKNOWN, "ALTER TABLE t FROBNICATE");
        var opaque = Ddl.other(Dialect.POSTGRESQL, StatementClass.OPAQUE, "DO $$ BEGIN EXECUTE 'DROP TABLE t'; END $$");
        var select = Ddl.other(Dialect.POSTGRESQL, StatementClass.NOT_DDL, "SELECT 1");
        var results = CheckRunner.forDialect(Dialect.POSTGRESQL).run(List.of(unknown, opaque, select), PG15);
        assertThat(ids(results)).containsExactly(List.of("unknown-statement"), List.of("unknown-statement"), List.of());
    }

    @Test
    void mysqlDdlCommitsImplicitly() {
        var begin = Ddl.other(Dialect.MYSQL, StatementClass.TRANSACTION_CONTROL, "START TRANSACTION");
        var add = Ddl.my(new io.schemagate.policy.ddl.OnlineDdlOptions("INSTANT", null), Ddl.addColumn(column("a", "int")));
        var session = new CheckRunner.Session(ServerVersion.parse(Dialect.MYSQL, "8.4.3"), Catalog.NONE, false, true);
        var results = CheckRunner.forDialect(Dialect.MYSQL).run(List.of(begin, add, add), session);
        assertThat(results).allMatch(CheckRunner.Result::clean);
    }

    @Test
    void columnTypesDeclaredEarlierAreKnown() {
        var create = Ddl.my(new Operation.CreateTable(T, false, false,
                List.of(new ColumnDef("n", "int", false, null, List.of(), null, false, null)), List.of(), false));
        var modify = Ddl.my(new io.schemagate.policy.ddl.OnlineDdlOptions("INPLACE", "NONE"), Ddl.modify("n", "int", false));
        var session = new CheckRunner.Session(ServerVersion.parse(Dialect.MYSQL, "8.4.3"), Catalog.NONE, false, true);
        var results = CheckRunner.forDialect(Dialect.MYSQL).run(List.of(create, modify), session);
        assertThat(results).allMatch(CheckRunner.Result::clean);
        // The context each statement was judged in knows what the batch declared before it.
        assertThat(results.get(1).context().catalog().columnType(T, "n")).contains("int");
        assertThat(results.get(1).context().tablesCreatedEarlier()).contains(T);
    }

    @Test
    void registryHasUniqueKebabCaseIds() {
        var idList = Checks.all().stream().map(Check::id).toList();
        assertThat(idList).doesNotHaveDuplicates();
        assertThat(idList).allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
        assertThat(Checks.byId("adding-volatile-default")).isPresent();
        assertThat(Checks.forDialect(Dialect.MYSQL)).noneMatch(c -> c.id().equals("setting-not-null"));
    }
}
