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
 * VARCHAR length changes are in place only while the length prefix keeps its size: up to 255 bytes it is
 * one byte, above it two. Bytes are characters times the charset's maximum width (utf8mb4: 4, so 63
 * characters is the last one-byte length). Growing across the boundary, or any shrink, copies the table
 * with writes blocked. Needs the current type from the catalog.
 */
public final class MySqlVarcharLengthBoundary implements Check {
    public static final String ID = "mysql-varchar-length-boundary";

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        if (!(op instanceof Operation.ModifyColumn m) || m.definition().type() == null
                || Predicates.isNewTable(m.table(), ctx)) {
            return List.of();
        }
        var current = ctx.catalog().columnType(m.table(), m.column());
        if (current.isEmpty() || !isVarchar(current.get()) || !isVarchar(m.definition().type())) {
            return List.of();
        }
        List<Integer> from = Predicates.typeModifiers(current.get());
        List<Integer> to = Predicates.typeModifiers(m.definition().type());
        if (from.size() != 1 || to.size() != 1 || from.get(0).equals(to.get(0))) {
            return List.of();
        }
        String charset = m.definition().charset() != null ? m.definition().charset()
                : ctx.catalog().mysqlTableFacts(m.table()).map(f -> f.defaultCharset()).orElse(null);
        int width = MySqlFacts.maxBytesPerChar(charset);
        int oldBytes = from.get(0) * width;
        int newBytes = to.get(0) * width;
        boolean shrink = newBytes < oldBytes;
        boolean crosses = (oldBytes <= 255) != (newBytes <= 255);
        if (!shrink && !crosses) {
            return List.of();
        }
        return Predicates.report(ID,
                "Changing " + m.table() + "." + m.column() + " from " + current.get() + " to " + m.definition().type()
                        + (shrink ? " shrinks it" : " crosses the 255-byte length-prefix boundary (" + width
                        + " bytes per character)") + ", so MySQL copies the table with writes blocked.",
                "Keep the new length on the same side of 255 bytes (ALGORITHM=INPLACE, LOCK=NONE then changes only "
                        + "metadata), or use an online schema change tool.", op);
    }

    private static boolean isVarchar(String type) {
        String b = Predicates.baseType(type);
        return b.equals("varchar") || b.equals("character varying");
    }
}
