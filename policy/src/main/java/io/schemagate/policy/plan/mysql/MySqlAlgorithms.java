package io.schemagate.policy.plan.mysql;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.common.RenamingColumn;
import io.schemagate.policy.check.mysql.MySqlChangingColumnType;
import io.schemagate.policy.check.mysql.MySqlColumnReorder;
import io.schemagate.policy.check.mysql.MySqlEnumReorder;
import io.schemagate.policy.check.mysql.MySqlVarcharLengthBoundary;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.check.mysql.MySqlFacts;
import io.schemagate.policy.check.mysql.MySqlInstantAddUnavailable;
import io.schemagate.policy.ddl.ConstraintKind;
import io.schemagate.policy.ddl.Operation;

import java.util.List;
import java.util.Locale;

/**
 * Which online algorithm each operation can use, per the MySQL 8.0 / MariaDB online-DDL tables. An
 * explicit {@code ALGORITHM=} clause is a guard: the server refuses (errors 1845 / 1846) rather than
 * silently fall back to copying the table with writes blocked.
 */
final class MySqlAlgorithms {

    enum Algorithm {
        INSTANT("ALGORITHM=INSTANT"),
        INPLACE("ALGORITHM=INPLACE, LOCK=NONE"),
        NONE(null);

        final String clause;

        Algorithm(String clause) {
            this.clause = clause;
        }
    }

    private MySqlAlgorithms() {
    }

    /** INSTANT for metadata changes when the server has it and has not got the 8.0.29-8.0.31 redo bug. */
    static boolean instantAvailable(ServerVersion v) {
        return v.isMariaDb() ? v.atLeast(10, 3, 2) : v.atLeast(8, 0, 12);
    }

    private static final List<Check> MODIFY_CHECKS = List.of(new MySqlChangingColumnType(),
            new MySqlVarcharLengthBoundary(), new MySqlEnumReorder(), new MySqlColumnReorder(), new RenamingColumn());

    static Algorithm best(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        ServerVersion v = ctx.serverVersion();
        if (op instanceof Operation.AddColumn add) {
            var col = add.column();
            if (col.identity() || (col.generated() != null && col.generated().stored())
                    || !col.constraints().isEmpty() || MySqlFacts.isExpressionDefault(col.defaultValue())) {
                return Algorithm.NONE;
            }
            boolean instant = MySqlInstantAddUnavailable.reasons(add, ctx).isEmpty() && !MySqlFacts.hasInstantRedoBug(v);
            return instant ? Algorithm.INSTANT : Algorithm.INPLACE;
        }
        if (op instanceof Operation.DropColumn drop) {
            boolean unindexed = !ctx.catalog().columnIndexed(drop.table(), drop.column()).orElse(true);
            boolean instant = v.isMariaDb() ? v.atLeast(10, 4, 0)
                    : v.atLeast(8, 0, 29) && !MySqlFacts.hasInstantRedoBug(v) && unindexed;
            return instant ? Algorithm.INSTANT : Algorithm.INPLACE;
        }
        if (op instanceof Operation.SetDefault) {
            return instantAvailable(v) ? Algorithm.INSTANT : Algorithm.INPLACE;
        }
        if (op instanceof Operation.CreateIndex idx) {
            String method = idx.method() == null ? "" : idx.method().toLowerCase(Locale.ROOT);
            return method.equals("fulltext") || method.equals("spatial") ? Algorithm.NONE : Algorithm.INPLACE;
        }
        if (op instanceof Operation.DropIndex) {
            return Algorithm.INPLACE;
        }
        if (op instanceof Operation.ModifyColumn) {
            // In place when no check sees a type change, a length-prefix crossing, an ENUM rewrite, a move or
            // a rename: what is left (a default, NULL / NOT NULL, a same-side VARCHAR growth) is INPLACE.
            return MODIFY_CHECKS.stream().allMatch(c -> c.check(op, statement, ctx).isEmpty())
                    ? Algorithm.INPLACE : Algorithm.NONE;
        }
        if (op instanceof Operation.AddConstraint add) {
            ConstraintKind k = add.constraint().kind();
            return k == ConstraintKind.UNIQUE || k == ConstraintKind.PRIMARY_KEY ? Algorithm.INPLACE : Algorithm.NONE;
        }
        if (op instanceof Operation.DropConstraint drop) {
            return drop.constraintKind() == ConstraintKind.FOREIGN_KEY ? Algorithm.INPLACE : Algorithm.NONE;
        }
        return Algorithm.NONE;
    }

    /** The weakest of two: a statement is only as online as its least online action. */
    static Algorithm weaker(Algorithm a, Algorithm b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
