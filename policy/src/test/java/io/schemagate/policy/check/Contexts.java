package io.schemagate.policy.check;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Contexts and a one-call way to run every check of a dialect on one statement. */
public final class Contexts {

    private Contexts() {
    }

    public static ServerVersion pg(String version) {
        return ServerVersion.parse(Dialect.POSTGRESQL, version);
    }

    public static ServerVersion mysql(String version) {
        return ServerVersion.parse(Dialect.MYSQL, version);
    }

    public static ServerVersion mariadb(String version) {
        return ServerVersion.parse(Dialect.MYSQL, "mariadb-" + version);
    }

    public static CheckContext of(ServerVersion v) {
        return new CheckContext(v, Catalog.NONE, false, Set.of(), true);
    }

    public static CheckContext of(ServerVersion v, Catalog catalog) {
        return new CheckContext(v, catalog, false, Set.of(), true);
    }

    public static CheckContext inTransaction(ServerVersion v) {
        return new CheckContext(v, Catalog.NONE, true, Set.of(), true);
    }

    public static CheckContext withNewTable(ServerVersion v, TableRef table) {
        return new CheckContext(v, Catalog.NONE, false, Set.of(table), true);
    }

    /** Ids of every finding the dialect's checks give for the statement. */
    public static List<String> ids(AnalyzedStatement statement, CheckContext ctx) {
        List<String> out = new ArrayList<>();
        for (Finding f : CheckRunner.forDialect(statement.dialect()).check(statement, ctx)) {
            out.add(f.checkId());
        }
        return out;
    }

    /** Findings of one check only. */
    public static List<Finding> run(Check check, AnalyzedStatement statement, CheckContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (Operation op : statement.operations()) {
            out.addAll(check.check(op, statement, ctx));
        }
        return out;
    }
}
