package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.ConstraintKind;
import java.util.List;
import java.util.Set;

/**
 * Adding a foreign key in MySQL / MariaDB copies the table with writes blocked unless
 * {@code foreign_key_checks=0}, which makes it in-place but skips checking existing rows. Not exempt for
 * tables created earlier in the batch: the referenced table's metadata is locked too.
 */
public final class MySqlForeignKey implements Check {
    public static final String ID = "mysql-foreign-key";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.AddConstraint add) || add.constraint().kind() != ConstraintKind.FOREIGN_KEY) {
            return List.of();
        }
        return Predicates.report(ID,
                "The foreign key from " + add.table() + " to " + add.constraint().referencedTable() + " makes MySQL "
                        + "copy the table with writes blocked (it is only in place with foreign_key_checks=0, which "
                        + "leaves existing rows unchecked).",
                "Index the column first (ALGORITHM=INPLACE, LOCK=NONE), check for orphans in batches, then on a "
                        + "dedicated connection (not through a pooler) SET foreign_key_checks=0, add the key with "
                        + "ALGORITHM=INPLACE, LOCK=NONE, and set it back to 1.", op);
    }
}
