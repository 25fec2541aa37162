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
 * {@code ADD COLUMN ... GENERATED ALWAYS AS (expr) STORED} computes and writes the value for every row:
 * a rewrite under ACCESS EXCLUSIVE in PostgreSQL, a COPY rebuild with writes blocked in MySQL. Virtual
 * generated columns (MySQL, PostgreSQL 18) are computed on read and are fine.
 */
public final class StoredGeneratedColumn implements Check {
    public static final String ID = "stored-generated-column";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.POSTGRESQL, Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddColumn add) || add.column().generated() == null
                || !add.column().generated().stored() || Predicates.isNewTable(add.table(), ctx)) {
            return List.of();
        }
        boolean pg = statement.dialect() == Dialect.POSTGRESQL;
        return Predicates.report(ID,
                "Stored generated column " + add.column().name() + " is computed for every existing row of "
                        + add.table() + (pg ? ", rewriting the table under an ACCESS EXCLUSIVE lock."
                        : ": MySQL copies the whole table and blocks writes meanwhile."),
                pg ? "Add a plain column, keep it filled with a BEFORE INSERT OR UPDATE trigger, and backfill existing "
                        + "rows in batches (on PostgreSQL 18 a VIRTUAL generated column needs no rewrite)."
                        : "Add it as a VIRTUAL generated column with ALGORITHM=INSTANT (index it with ALGORITHM=INPLACE, "
                        + "LOCK=NONE if needed), or use an online schema change tool.", op);
    }
}
