package io.schemagate.policy.check.mysql;

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
 * Changing an ENUM / SET other than by appending members at the end, or growing it past a storage size
 * (ENUM past 255 members, SET past 8, 16, 24, 32 members), makes MySQL copy the table with writes
 * blocked. Needs the current type from the catalog; without it {@code mysql-changing-column-type} reports.
 */
public final class MySqlEnumReorder implements Check {
    public static final String ID = "mysql-enum-reorder";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.ModifyColumn m) || m.definition().type() == null
                || Predicates.isNewTable(m.table(), ctx)) {
            return List.of();
        }
        var current = ctx.catalog().columnType(m.table(), m.column());
        String base = Predicates.baseType(m.definition().type());
        if (current.isEmpty() || !(base.equals("enum") || base.equals("set"))
                || !Predicates.baseType(current.get()).equals(base)) {
            return List.of();
        }
        List<String> before = MySqlFacts.enumMembers(current.get());
        List<String> after = MySqlFacts.enumMembers(m.definition().type());
        boolean appendOnly = after.size() >= before.size() && after.subList(0, before.size()).equals(before);
        boolean sameStorage = MySqlFacts.enumStorageBytes(base, before.size()) == MySqlFacts.enumStorageBytes(base, after.size());
        if (appendOnly && sameStorage) {
            return List.of();
        }
        String why = !appendOnly ? "members are removed, renamed or reordered" : "the storage size of the column grows";
        return Predicates.report(ID,
                "Changing " + base.toUpperCase(java.util.Locale.ROOT) + " column " + m.table() + "." + m.column()
                        + " copies the table with writes blocked, because " + why + ".",
                "Only append new members at the end, within the same storage size (255 ENUM members; SET in groups "
                        + "of 8), which is INSTANT; anything else needs an online schema change tool.", op);
    }
}
