package io.schemagate.policy.check;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ConstraintDef;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static io.schemagate.policy.check.Contexts.ids;
import static io.schemagate.policy.check.Contexts.of;
import static io.schemagate.policy.check.Contexts.pg;
import static io.schemagate.policy.check.Ddl.T;
import static io.schemagate.policy.check.Ddl.addColumn;
import static io.schemagate.policy.check.Ddl.addConstraint;
import static io.schemagate.policy.check.Ddl.call;
import static io.schemagate.policy.check.Ddl.column;
import static io.schemagate.policy.check.Ddl.literal;
import static org.assertj.core.api.Assertions.assertThat;

class PgChecksTest {

    private static final ServerVersion PG15 = pg("15");

    @ParameterizedTest(name = "PG {0}: constant default flagged={1}")
    @CsvSource({"10, true", "10.23, true", "11, false", "11.0, false", "12, false", "17, false"})
    void fastDefaultsFromPostgres11Inclusive(String version, boolean flagged) {
        var st = Ddl.pg(addColumn(column("active", "boolean", false, literal("true"))));
        assertThat(ids(st, of(pg(version))).contains("adding-volatile-default")).isEqualTo(flagged);
    }

    @Test
    void volatileDefaultRewritesEvenOnNewServers() {
        var st = Ddl.pg(addColumn(column("token", "uuid", false,
                call("gen_random_uuid()", Volatility.VOLATILE, "gen_random_uuid"))));
        assertThat(ids(st, of(PG15))).contains("adding-volatile-default");
    }

    @Test
    void unknownFunctionIsVolatileUnlessTheCatalogKnowsBetter() {
        var st = Ddl.pg(addColumn(column("code", "text", false, call("make_code()", Volatility.UNKNOWN, "make_code"))));
        assertThat(ids(st, of(PG15))).contains("adding-volatile-default");
        Catalog stable = new Catalog() {
            @Override
            public Optional<Volatility> functionVolatility(String functionName) {
                return Optional.of(Volatility.STABLE);
            }
        };
        assertThat(ids(st, of(PG15, stable))).doesNotContain("adding-volatile-default");
    }

    @Test
    void stableNowIsFine() {
        var st = Ddl.pg(addColumn(column("at", "timestamptz", true, call("now()", Volatility.STABLE, "now"))));
        assertThat(ids(st, of(PG15))).isEmpty();
    }

    @Test
    void requiredColumnWithoutDefault() {
        assertThat(ids(Ddl.pg(addColumn(column("n", "int", true, null))), of(PG15))).contains("adding-required-column");
        assertThat(ids(Ddl.pg(addColumn(column("n", "int", true, literal("0")))), of(PG15)))
                .doesNotContain("adding-required-column");
    }

    @Test
    void newTablesAreExemptExceptForForeignKeys() {
        var ctx = Contexts.withNewTable(PG15, T);
        assertThat(ids(Ddl.pg(addColumn(column("n", "int", true, null))), ctx)).isEmpty();
        assertThat(ids(Ddl.pg(Ddl.createIndex("i", false, "n")), ctx)).isEmpty();
        assertThat(ids(Ddl.pg(addConstraint(Ddl.foreignKey("fk", "owner_id", false))), ctx))
                .containsExactly("adding-foreign-key");
    }

    @ParameterizedTest(name = "PG {0} with a valid NOT NULL check: flagged={1}")
    @CsvSource({"11, true", "12, false", "15, false"})
    void setNotNullUsesAValidCheckFromPostgres12(String version, boolean flagged) {
        Catalog withCheck = new Catalog() {
            @Override
            public Optional<List<String>> validNotNullChecks(TableRef table, String column) {
                return Optional.of(List.of("accounts_email_not_null"));
            }
        };
        var st = Ddl.pg(new Operation.SetNotNull(T, "email"));
        assertThat(ids(st, of(pg(version), withCheck)).contains("setting-not-null")).isEqualTo(flagged);
        assertThat(ids(st, of(pg(version)))).contains("setting-not-null");
    }

    @Test
    void checkAndForeignKeyNeedNotValid() {
        assertThat(ids(Ddl.pg(addConstraint(Ddl.check("c", "n > 0", false))), of(PG15)))
                .containsExactly("constraint-missing-not-valid");
        assertThat(ids(Ddl.pg(addConstraint(Ddl.check("c", "n > 0", true))), of(PG15))).isEmpty();
        assertThat(ids(Ddl.pg(addConstraint(Ddl.foreignKey("fk", "o", false))), of(PG15)))
                .containsExactly("adding-foreign-key");
        assertThat(ids(Ddl.pg(addConstraint(Ddl.foreignKey("fk", "o", true))), of(PG15))).isEmpty();
    }

    @Test
    void inlineConstraintsInAddColumnAreFlagged() {
        var st = Ddl.pg(addColumn(column("o", "bigint", false, null, Ddl.foreignKey(null, null, false),
                Ddl.unique(null), Ddl.check(null, "o > 0", false))));
        assertThat(ids(st, of(PG15))).containsExactlyInAnyOrder("adding-foreign-key", "adding-unique-constraint",
                "constraint-missing-not-valid");
        var pk = Ddl.pg(addColumn(column("id", "bigint", false, null, Ddl.primaryKey(null))));
        assertThat(ids(pk, of(PG15))).contains("adding-primary-key", "adding-required-column");
    }

    @Test
    void uniqueAndPrimaryKeyUsingIndexAreFine() {
        var using = new ConstraintDef("u", ConstraintKind.UNIQUE, List.of(), false, "u_idx", null, List.of(), null, true);
        assertThat(ids(Ddl.pg(addConstraint(using)), of(PG15))).isEmpty();
        assertThat(ids(Ddl.pg(addConstraint(Ddl.unique("u", "email"))), of(PG15)))
                .containsExactly("adding-unique-constraint");
        assertThat(ids(Ddl.pg(addConstraint(Ddl.primaryKey("p", "id"))), of(PG15)))
                .containsExactly("adding-primary-key");
    }

    @Test
    void validatingInTheSameTransactionAsTheNotValidAdd() {
        var ctx = new CheckContext(PG15, Catalog.NONE, true, java.util.Set.of(), true, java.util.Set.of("fk"));
        assertThat(ids(Ddl.pg(new Operation.ValidateConstraint(T, "fk")), ctx))
                .containsExactly("constraint-missing-not-valid");
        assertThat(ids(Ddl.pg(new Operation.ValidateConstraint(T, "fk")), of(PG15))).isEmpty();
    }

    @Test
    void typeChangesAreSafeOnlyWhenKnownBinaryCoercible() {
        var widen = Ddl.pg(new Operation.AlterColumnType(T, "name", "varchar(200)", null));
        assertThat(ids(widen, of(PG15))).containsExactly("changing-column-type");
        Catalog varchar100 = new Catalog() {
            @Override
            public Optional<String> columnType(TableRef table, String column) {
                return Optional.of("character varying(100)");
            }
        };
        assertThat(ids(widen, of(PG15, varchar100))).isEmpty();
        assertThat(ids(Ddl.pg(new Operation.AlterColumnType(T, "name", "text", null)), of(PG15, varchar100))).isEmpty();
        assertThat(ids(Ddl.pg(new Operation.AlterColumnType(T, "name", "varchar(50)", null)), of(PG15, varchar100)))
                .containsExactly("changing-column-type");
        assertThat(ids(Ddl.pg(new Operation.AlterColumnType(T, "name", "bigint", null)), of(PG15, varchar100)))
                .containsExactly("changing-column-type");
    }

    @Test
    void indexesNeedConcurrentlyButNotInsideATransaction() {
        assertThat(ids(Ddl.pg(Ddl.createIndex("i", false, "n")), of(PG15))).containsExactly("index-without-concurrently");
        assertThat(ids(Ddl.pg(Ddl.createIndex("i", true, "n")), of(PG15))).isEmpty();
        assertThat(ids(Ddl.pg(Ddl.createIndex("i", true, "n")), Contexts.inTransaction(PG15)))
                .containsExactly("concurrent-index-in-transaction");
        assertThat(ids(Ddl.pg(new Operation.DropIndex(null, "i", false, false)), of(PG15)))
                .containsExactly("drop-index-without-concurrently");
        assertThat(ids(Ddl.pg(new Operation.Reindex(T, "TABLE accounts", false)), of(PG15)))
                .containsExactly("reindex-without-concurrently");
        assertThat(ids(Ddl.pg(new Operation.Partition(T, TableRef.of("p2020"), false, false)), of(PG15)))
                .containsExactly("detach-partition-without-concurrently");
        assertThat(ids(Ddl.pg(new Operation.Partition(T, TableRef.of("p2020"), false, true)), of(PG15))).isEmpty();
    }

    @ParameterizedTest(name = "PG {0}: corruption bug={1}")
    @CsvSource({"13.7, false", "14.0, true", "14.3, true", "14.4, false", "15.1, false"})
    void concurrentIndexCorruptionOn14_0To14_3(String version, boolean flagged) {
        assertThat(ids(Ddl.pg(Ddl.createIndex("i", true, "n")), of(pg(version)))
                .contains("concurrent-index-corruption-bug")).isEqualTo(flagged);
        assertThat(ids(Ddl.pg(new Operation.Reindex(T, "INDEX i", true)), of(pg(version)))
                .contains("concurrent-index-corruption-bug")).isEqualTo(flagged);
    }

    @Test
    void destructiveAndBreakingChanges() {
        assertThat(ids(Ddl.pg(new Operation.RenameColumn(T, "a", "b")), of(PG15))).containsExactly("renaming-column");
        assertThat(ids(Ddl.pg(new Operation.RenameTable(T, TableRef.of("users"))), of(PG15)))
                .containsExactly("renaming-table");
        assertThat(ids(Ddl.pg(new Operation.DropColumn(T, "a", false, false)), of(PG15))).containsExactly("dropping-column");
        assertThat(ids(Ddl.pg(new Operation.DropTable(T, false, false)), of(PG15))).containsExactly("dropping-table");
        assertThat(ids(Ddl.pg(new Operation.DropObject("schema", "app", false, true)), of(PG15)))
                .containsExactly("dropping-table");
        assertThat(ids(Ddl.pg(new Operation.DropObject("view", "v", false, false)), of(PG15))).isEmpty();
        assertThat(ids(Ddl.pg(new Operation.Truncate(T, true)), of(PG15))).containsExactly("truncating-table");
        assertThat(ids(Ddl.pg(new Operation.DropNotNull(T, "a")), of(PG15))).containsExactly("dropping-not-null");
    }

    @Test
    void typesEnumsDomainsAndRewrites() {
        assertThat(ids(Ddl.pg(new Operation.AlterEnumAddValue("mood", "meh", false)), of(PG15)))
                .containsExactly("enum-value-without-position");
        assertThat(ids(Ddl.pg(new Operation.AlterEnumAddValue("mood", "meh", true)), of(PG15))).isEmpty();
        assertThat(ids(Ddl.pg(new Operation.DomainConstraint("pos", Ddl.check(null, "VALUE > 0", false), true)),
                of(PG15))).containsExactly("domain-check-constraint");
        assertThat(ids(Ddl.pg(new Operation.TableRewrite(T, "vacuum full")), of(PG15)))
                .containsExactly("table-rewrite-command");
        assertThat(ids(Ddl.pg(new Operation.TableOption(T, "set_logged", null)), of(PG15)))
                .containsExactly("table-rewrite-option");
        assertThat(ids(Ddl.pg(addConstraint(new ConstraintDef("ex", ConstraintKind.EXCLUSION, List.of(), false, null,
                null, List.of(), null, true))), of(PG15))).containsExactly("exclusion-constraint");
        assertThat(ids(Ddl.pg(addColumn(column("doc", "json"))), of(PG15))).containsExactly("adding-json-column");
        assertThat(ids(Ddl.pg(new Operation.Partition(T, TableRef.of("p1"), true, false)), of(PG15)))
                .containsExactly("attach-partition-scan");
    }

    @Test
    void identityAndStoredGeneratedColumnsRewrite() {
        var serial = new io.schemagate.policy.ddl.ColumnDef("id", "bigserial", false, null, List.of(), null, true, null);
        assertThat(ids(Ddl.pg(addColumn(serial)), of(PG15))).containsExactly("identity-or-serial-column");
        var stored = new io.schemagate.policy.ddl.ColumnDef("total", "numeric", false, null, List.of(),
                new io.schemagate.policy.ddl.ColumnDef.Generated(literal("price * qty"), true), false, null);
        assertThat(ids(Ddl.pg(addColumn(stored)), of(PG15))).containsExactly("stored-generated-column");
    }

    @Test
    void lockTimeoutIsReportedOncePerStatement() {
        var ctx = new CheckContext(PG15, Catalog.NONE, false, java.util.Set.of(), false);
        var st = Ddl.pg(addColumn(column("a", "int")), addColumn(column("b", "int")));
        assertThat(ids(st, ctx)).containsExactly("missing-lock-timeout");
        assertThat(ids(Ddl.pg(Ddl.createIndex("i", true, "a")), ctx)).isEmpty();
    }

    @Test
    void unknownOperationsFailClosed() {
        assertThat(ids(Ddl.pg(new Operation.Unknown(T, "unmodelled ALTER TABLE sub-command")), of(PG15)))
                .containsExactly("unknown-statement");
    }

    @Test
    void everyFindingSaysWhatWhyAndWhatInstead() {
        var st = Ddl.pg(addColumn(column("n", "int", true, null)));
        for (Finding f : CheckRunner.forDialect(st.dialect()).check(st, of(PG15))) {
            assertThat(f.message()).isNotBlank();
            assertThat(f.help()).isNotBlank();
            assertThat(f.operation()).isNotNull();
        }
    }
}
