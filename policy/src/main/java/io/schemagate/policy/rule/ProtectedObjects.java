package io.schemagate.policy.rule;

import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds operations that break a data contract: dropping, truncating, renaming or retyping a
 * protected table or column. Names are compared without regard to case. A table the statement
 * names without a schema counts as any protected table of that name, because the gateway cannot
 * see the session's search path: a contract errs towards holding.
 */
final class ProtectedObjects {

    private static final String HELP = "The policy protects this object (a data contract). Leave it in place, "
            + "or change the contract in the policy first; a rule that lists the protected-object check "
            + "can grant an exception.";

    private final List<ProtectedObject> objects;

    ProtectedObjects(List<ProtectedObject> objects) {
        this.objects = List.copyOf(objects);
    }

    List<Finding> findings(AnalyzedStatement statement) {
        if (objects.isEmpty()) {
            return List.of();
        }
        List<Finding> out = new ArrayList<>();
        for (Operation op : statement.operations()) {
            for (ProtectedObject p : objects) {
                String what = violation(op, p);
                if (what != null) {
                    out.add(new Finding(EngineChecks.PROTECTED_OBJECT, what + " (protected: " + p + ")", HELP, op));
                }
            }
        }
        return out;
    }

    /** What the operation does to the protected object, or null when it leaves it alone. */
    private static String violation(Operation op, ProtectedObject p) {
        if (op instanceof Operation.DropTable d) {
            return same(d.table(), p) ? "drops table " + d.table() : null;
        } else if (op instanceof Operation.Truncate t) {
            return same(t.table(), p) ? "truncates table " + t.table() : null;
        } else if (op instanceof Operation.RenameTable r) {
            return same(r.table(), p) ? "renames table " + r.table() : null;
        } else if (op instanceof Operation.DropColumn d) {
            return column(d.table(), d.column(), p) ? "drops column " + d.column() + " of " + d.table() : null;
        } else if (op instanceof Operation.RenameColumn r) {
            return column(r.table(), r.from(), p) ? "renames column " + r.from() + " of " + r.table() : null;
        } else if (op instanceof Operation.AlterColumnType a) {
            return column(a.table(), a.column(), p) ? "changes the type of column " + a.column() + " of " + a.table() : null;
        } else if (op instanceof Operation.ModifyColumn m) {
            // MODIFY / CHANGE restate the whole column; without the old definition the gateway
            // cannot prove that the type and the name stay the same.
            return column(m.table(), m.column(), p) ? "redefines column " + m.column() + " of " + m.table() : null;
        } else if (op instanceof Operation.TableOption o) {
            // CONVERT TO CHARACTER SET retypes every text column of the table.
            return same(o.table(), p) && o.option() != null && o.option().toLowerCase(Locale.ROOT).contains("charset")
                    ? "converts the character set of table " + o.table() : null;
        } else if (op instanceof Operation.DropObject d) {
            return holdsProtected(d.objectType(), d.name(), p)
                    ? "drops " + d.objectType().toLowerCase(Locale.ROOT) + " " + d.name() + " that holds " + p.qualified() : null;
        } else if (op instanceof Operation.RenameObject r) {
            return holdsProtected(r.objectType(), r.from(), p)
                    ? "renames " + r.objectType().toLowerCase(Locale.ROOT) + " " + r.from() + " that holds " + p.qualified() : null;
        } else if (op instanceof Operation.Unknown u) {
            return u.table() != null && same(u.table(), p)
                    ? "changes table " + u.table() + " in a way the analyser could not read" : null;
        }
        return null;
    }

    private static boolean same(TableRef ref, ProtectedObject p) {
        if (ref == null || !ref.name().equalsIgnoreCase(p.table())) {
            return false;
        }
        return ref.schema() == null || p.schema() == null || ref.schema().equalsIgnoreCase(p.schema());
    }

    private static boolean column(TableRef ref, String column, ProtectedObject p) {
        return same(ref, p) && (p.wholeTable() || p.columns().stream().anyMatch(c -> c.equalsIgnoreCase(column)));
    }

    private static boolean holdsProtected(String objectType, String name, ProtectedObject p) {
        if (objectType == null || name == null || p.schema() == null) {
            return false;
        }
        String type = objectType.toLowerCase(Locale.ROOT);
        return (type.equals("schema") || type.equals("database")) && name.equalsIgnoreCase(p.schema());
    }
}
