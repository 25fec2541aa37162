package io.schemagate.policy.check;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ColumnPosition;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.OnlineDdlOptions;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.ddl.Volatility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Optional;

import static io.schemagate.policy.check.Contexts.ids;
import static io.schemagate.policy.check.Contexts.mariadb;
import static io.schemagate.policy.check.Contexts.mysql;
import static io.schemagate.policy.check.Contexts.of;
import static io.schemagate.policy.check.Ddl.T;
import static io.schemagate.policy.check.Ddl.addColumn;
import static io.schemagate.policy.check.Ddl.call;
import static io.schemagate.policy.check.Ddl.column;
import static io.schemagate.policy.check.Ddl.literal;
import static org.assertj.core.api.Assertions.assertThat;

class MySqlChecksTest {

    private static final ServerVersion MY84 = mysql("8.4.3");
    private static final OnlineDdlOptions INSTANT = new OnlineDdlOptions("INSTANT", null);
    private static final OnlineDdlOptions INPLACE = new OnlineDdlOptions("INPLACE", "NONE");

    private static Catalog columnType(String type) {
        return new Catalog() {
            @Override
            public Optional<String> columnType(TableRef table, String column) {
                return Optional.of(type);
            }
        };
    }

    @ParameterizedTest(name = "{0} {1}: instant add unavailable={2}")
    @CsvSource({
            "mysql, 8.0.11, LAST, true",
            "mysql, 8.0.12, LAST, false",
            "mysql, 8.0.28, AFTER, true",
            "mysql, 8.0.29, AFTER, false",
            "mariadb, 10.3.1, LAST, true",
            "mariadb, 10.3.2, LAST, false",
            "mariadb, 10.3.9, FIRST, true",
            "mariadb, 10.4.0, FIRST, false",
            "mariadb, 10.11.6, AFTER, false"})
    void instantAddDependsOnVersionAndPosition(String flavor, String version, ColumnPosition.Kind kind, boolean flagged) {
        ServerVersion v = flavor.equals("mysql") ? mysql(version) : mariadb(version);
        var position = new ColumnPosition(kind, kind == ColumnPosition.Kind.AFTER ? "id" : null);
        var st = Ddl.my(INSTANT, addColumn(column("note", "varchar(20)"), position));
        assertThat(ids(st, of(v)).contains("mysql-instant-add-unavailable")).isEqualTo(flagged);
    }

    @Test
    void instantAddUnavailableForTableFacts() {
        Catalog fulltext = new Catalog() {
            @Override
            public Optional<MySqlTableFacts> mysqlTableFacts(TableRef table) {
                return Optional.of(new MySqlTableFacts("DYNAMIC", true, false, 10, 3, "utf8mb4"));
            }
        };
        var st = Ddl.my(INSTANT, addColumn(column("note", "int")));
        assertThat(ids(st, of(MY84, fulltext))).containsExactly("mysql-instant-add-unavailable");
        assertThat(ids(Ddl.my(INPLACE, addColumn(column("note", "int"))), of(MY84, fulltext))).isEmpty();
    }

    @ParameterizedTest(name = "MySQL {0}: INSTANT redo bug={1}")
    @CsvSource({"8.0.28, false", "8.0.29, true", "8.0.31, true", "8.0.32, false"})
    void instantRedoBugOn8_0_29To8_0_31(String version, boolean flagged) {
        var st = Ddl.my(INSTANT, addColumn(column("note", "int")));
        assertThat(ids(st, of(mysql(version))).contains("mysql-instant-bug-8-0-29")).isEqualTo(flagged);
        var inplace = Ddl.my(INPLACE, new Operation.DropColumn(T, "note", false, false));
        assertThat(ids(inplace, of(mysql(version)))).doesNotContain("mysql-instant-bug-8-0-29");
    }

    @Test
    void guardsAndCopyAlgorithm() {
        assertThat(ids(Ddl.my(addColumn(column("a", "int"))), of(MY84))).containsExactly("mysql-no-algorithm-guard");
        assertThat(ids(Ddl.my(addColumn(column("a", "int")), addColumn(column("b", "int"))), of(MY84)))
                .containsExactly("mysql-no-algorithm-guard");
        assertThat(ids(Ddl.my(new OnlineDdlOptions("COPY", null), addColumn(column("a", "int"))), of(MY84)))
                .containsExactly("mysql-copy-algorithm");
        assertThat(ids(Ddl.my(new OnlineDdlOptions("INPLACE", "SHARED"), Ddl.createIndex("i", false, "a")), of(MY84)))
                .containsExactly("mysql-copy-algorithm");
        assertThat(ids(Ddl.my(INPLACE, Ddl.createIndex("i", false, "a")), of(MY84))).isEmpty();
    }

    @Test
    void expressionDefaultsAreNotInstant() {
        var st = Ddl.my(INSTANT, addColumn(column("id", "char(36)", false, call("(uuid())", Volatility.VOLATILE, "uuid"))));
        assertThat(ids(st, of(MY84))).containsExactly("mysql-expression-default");
        var ts = Ddl.my(INSTANT, addColumn(column("at", "timestamp", false,
                call("CURRENT_TIMESTAMP", Volatility.STABLE, "current_timestamp"))));
        assertThat(ids(ts, of(MY84))).isEmpty();
    }

    @Test
    void requiredColumnGetsZeroValues() {
        assertThat(ids(Ddl.my(INSTANT, addColumn(column("n", "int", true, null))), of(MY84)))
                .containsExactly("adding-required-column");
        assertThat(ids(Ddl.my(INSTANT, addColumn(column("n", "int", true, literal("0")))), of(MY84))).isEmpty();
    }

    @Test
    void notNullNeedsStrictMode() {
        Catalog strict = new Catalog() {
            @Override
            public Optional<String> mysqlSqlMode() {
                return Optional.of("STRICT_TRANS_TABLES,NO_ZERO_DATE");
            }

            @Override
            public Optional<String> columnType(TableRef table, String column) {
                return Optional.of("int(11)");
            }
        };
        var st = Ddl.my(INPLACE, Ddl.modify("n", "int", true));
        assertThat(ids(st, of(MY84))).contains("mysql-not-null-without-strict");
        assertThat(ids(st, of(MY84, strict))).isEmpty();
    }

    @Test
    void typeChangesCopyTheTable() {
        var st = Ddl.my(INPLACE, Ddl.modify("n", "bigint", false));
        assertThat(ids(st, of(MY84))).containsExactly("mysql-changing-column-type");
        assertThat(ids(st, of(MY84, columnType("int")))).containsExactly("mysql-changing-column-type");
        assertThat(ids(st, of(MY84, columnType("bigint(20)")))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}: crosses={2}")
    @CsvSource({"varchar(20), varchar(63), false", "varchar(20), varchar(64), true", "varchar(100), varchar(200), false",
            "varchar(100), varchar(50), true"})
    void varcharLengthBoundaryInUtf8mb4(String from, String to, boolean flagged) {
        var st = Ddl.my(INPLACE, Ddl.modify("name", to, false));
        List<String> found = ids(st, of(MY84, columnType(from)));
        assertThat(found.contains("mysql-varchar-length-boundary")).isEqualTo(flagged);
        assertThat(found).doesNotContain("mysql-changing-column-type");
    }

    @Test
    void enumOnlyAppendsAreInstant() {
        var append = Ddl.my(INSTANT, Ddl.modify("s", "enum('a','b','c')", false));
        assertThat(ids(append, of(MY84, columnType("enum('a','b')")))).isEmpty();
        var reorder = Ddl.my(INSTANT, Ddl.modify("s", "enum('b','a')", false));
        assertThat(ids(reorder, of(MY84, columnType("enum('a','b')")))).containsExactly("mysql-enum-reorder");
        var setGrowth = Ddl.my(INSTANT, Ddl.modify("s", "set('1','2','3','4','5','6','7','8','9')", false));
        assertThat(ids(setGrowth, of(MY84, columnType("set('1','2','3','4','5','6','7','8')"))))
                .containsExactly("mysql-enum-reorder");
    }

    @Test
    void reorderIsARebuildOnMySqlButInstantOnMariaDb104() {
        var st = Ddl.my(INPLACE, new Operation.ModifyColumn(T, "n", new ColumnDef("n", "int", false, null, List.of(), null,
                false, null), new ColumnPosition(ColumnPosition.Kind.FIRST, null)));
        assertThat(ids(st, of(MY84, columnType("int")))).containsExactly("mysql-column-reorder");
        assertThat(ids(st, of(mariadb("10.11.6"), columnType("int")))).isEmpty();
    }

    @Test
    void foreignKeysChecksAndInlineReferences() {
        assertThat(ids(Ddl.my(INPLACE, Ddl.addConstraint(Ddl.foreignKey("fk", "o", false))), of(MY84)))
                .containsExactly("mysql-foreign-key");
        assertThat(ids(Ddl.my(INSTANT, addColumn(column("o", "int", false, null, Ddl.foreignKey(null, null, false)))),
                of(MY84))).containsExactly("mysql-inline-references-ignored");
        assertThat(ids(Ddl.my(INPLACE, Ddl.addConstraint(Ddl.check("c", "n > 0", false))), of(MY84)))
                .containsExactly("mysql-check-constraint");
        var notEnforced = new io.schemagate.policy.ddl.ConstraintDef("c", ConstraintKind.CHECK, List.of(), false, null,
                null, List.of(), literal("n > 0"), false);
        assertThat(ids(Ddl.my(INPLACE, Ddl.addConstraint(notEnforced)), of(MY84))).isEmpty();
    }

    @Test
    void primaryKeyChanges() {
        var dropAlone = Ddl.my(INPLACE, new Operation.DropConstraint(T, null, ConstraintKind.PRIMARY_KEY, false));
        assertThat(ids(dropAlone, of(MY84))).containsExactly("mysql-primary-key-change");
        var replace = Ddl.my(INPLACE, new Operation.DropConstraint(T, null, ConstraintKind.PRIMARY_KEY, false),
                Ddl.addConstraint(Ddl.primaryKey(null, "id", "tenant")));
        assertThat(ids(replace, of(MY84))).isEmpty();
        assertThat(ids(Ddl.my(Ddl.addConstraint(Ddl.primaryKey(null, "id"))), of(MY84)))
                .contains("mysql-primary-key-change");
    }

    @Test
    void rebuildsAndBlockingIndexes() {
        assertThat(ids(Ddl.my(new Operation.TableOption(T, "engine", "InnoDB")), of(MY84)))
                .contains("mysql-table-rebuild");
        assertThat(ids(Ddl.my(new Operation.TableRewrite(T, "optimize table")), of(MY84)))
                .containsExactly("mysql-table-rebuild");
        var fulltext = new Operation.CreateIndex(T, "ft", List.of("body"), false, false, false, "fulltext", false);
        assertThat(ids(Ddl.my(INPLACE, fulltext), of(MY84))).containsExactly("mysql-blocking-index-type");
    }

    @Test
    void autoIncrementAndStoredColumns() {
        var auto = new ColumnDef("seq", "bigint", true, null, List.of(), null, true, null);
        assertThat(ids(Ddl.my(INPLACE, addColumn(auto)), of(MY84))).containsExactly("identity-or-serial-column");
        var stored = new ColumnDef("total", "decimal(10,2)", false, null, List.of(),
                new ColumnDef.Generated(literal("price * qty"), true), false, null);
        assertThat(ids(Ddl.my(INPLACE, addColumn(stored)), of(MY84))).containsExactly("stored-generated-column");
    }
}
