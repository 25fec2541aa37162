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

/**
 * Adding an auto-numbered column to an existing table: PostgreSQL serial / identity columns fill every
 * existing row, rewriting the table under ACCESS EXCLUSIVE (serial's default {@code nextval()} is
 * volatile); MySQL AUTO_INCREMENT rebuilds the table without concurrent writes, and statement-based
 * replication can number rows differently on replicas.
 */
public final class IdentityOrSerialColumn implements Check {
    public static final String ID = "identity-or-serial-column";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || !add.column().identity()
                || Predicates.isNewTable(add.table(), ctx)) {
            return List.of();
        }
        boolean pg = statement.dialect() == Dialect.POSTGRESQL;
        return Predicates.report(ID,
                "Auto-numbered column " + add.column().name() + " on " + add.table() + (pg
                        ? " fills every existing row, rewriting the table under an ACCESS EXCLUSIVE lock."
                        : " rebuilds the table without allowing concurrent writes, and replicas using statement-based "
                                + "replication may number the rows differently."),
                pg ? "Create a sequence, add a plain bigint column, SET DEFAULT nextval(...) for new rows, backfill "
                        + "existing rows in batches, stage NOT NULL, then build a unique index concurrently."
                        : "Use an online schema change tool (gh-ost, pt-online-schema-change), or create a new table "
                        + "with the column, copy the rows and swap the tables with RENAME TABLE.", op);
    }
}
