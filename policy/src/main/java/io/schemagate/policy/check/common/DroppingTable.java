package io.schemagate.policy.check.common;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;

import java.util.List;
import java.util.Set;

/** {@code DROP TABLE}, {@code DROP SCHEMA}, {@code DROP DATABASE}: permanent data loss, clients break. */
public final class DroppingTable implements Check {
    public static final String ID = "dropping-table";
    private static final Set<String> CONTAINERS = Set.of("schema", "database");

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        String what;
        boolean cascade;
        if (op instanceof Operation.DropTable drop && !Predicates.isNewTable(drop.table(), ctx)) {
            what = "table " + drop.table();
            cascade = drop.cascade();
        } else if (op instanceof Operation.DropObject drop && drop.objectType() != null
                && CONTAINERS.contains(drop.objectType().toLowerCase(java.util.Locale.ROOT))) {
            what = drop.objectType().toLowerCase(java.util.Locale.ROOT) + " " + drop.name();
            cascade = drop.cascade();
        } else {
            return List.of();
        }
        return Predicates.report(ID,
                "Dropping " + what + " deletes its data permanently" + (cascade ? ", CASCADE also drops what depends "
                        + "on it," : "") + " and breaks every client that still uses it.",
                "Rename it out of the way first (e.g. <name>__deprecated_<date>) or revoke access, watch for errors "
                        + "for a while, take a backup, then drop it.", op);
    }
}
