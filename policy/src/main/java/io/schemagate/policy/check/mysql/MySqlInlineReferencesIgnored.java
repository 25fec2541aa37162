package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.ColumnDef;
import io.schemagate.policy.ddl.ConstraintKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A column-level {@code REFERENCES t(c)} is parsed and silently ignored by InnoDB: no foreign key is
 * created, so the author believes in an integrity guarantee that does not exist.
 */
public final class MySqlInlineReferencesIgnored implements Check {
    public static final String ID = "mysql-inline-references-ignored";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        List<ColumnDef> columns = new ArrayList<>();
        if (op instanceof Operation.AddColumn add) {
            columns.add(add.column());
        } else if (op instanceof Operation.ModifyColumn m) {
            columns.add(m.definition());
        } else if (op instanceof Operation.CreateTable ct) {
            columns.addAll(ct.columns());
        }
        List<Finding> out = new ArrayList<>();
        for (ColumnDef c : columns) {
            if (Predicates.hasInline(c, ConstraintKind.FOREIGN_KEY)) {
                out.add(new Finding(ID,
                        "The REFERENCES clause on column " + c.name() + " of " + op.table() + " is ignored: MySQL "
                                + "8.x and MariaDB create no foreign key from a column-level REFERENCES.",
                        "Declare it as a table constraint, FOREIGN KEY (" + c.name() + ") REFERENCES ..., staged as "
                                + "the mysql-foreign-key check describes.", op));
            }
        }
        return out;
    }
}
