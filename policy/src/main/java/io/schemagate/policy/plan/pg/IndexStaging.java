package io.schemagate.policy.plan.pg;

import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.Operation;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.StagedStep;

import java.util.List;
import java.util.Locale;

/**
 * Index builds and drops with CONCURRENTLY: only SHARE UPDATE EXCLUSIVE, so reads and writes continue.
 * They cannot run in a transaction block, so each is its own background step. A failed concurrent build
 * leaves an INVALID index holding the name (and IF NOT EXISTS would then falsely succeed), so the step
 * verifies {@code pg_index.indisvalid} and its rollback drops the index.
 */
final class IndexStaging {

    private IndexStaging() {
    }

    static StagedStep createConcurrently(TableRef t, String name, List<String> columns, boolean unique, String sql) {
        Operation op = new Operation.CreateIndex(t, name, columns, unique, true, true, null, false);
        return PgSteps.background(op, "build " + (unique ? "unique " : "") + "index " + name
                        + " concurrently (writes continue); an invalid result is dropped and retried", sql, true,
                PgSql.indexValid(t, name), "DROP INDEX CONCURRENTLY IF EXISTS " + PgSql.qualifiedIndex(t, name));
    }

    /**
     * {@code CREATE [UNIQUE] INDEX ...} as written, with {@code CONCURRENTLY IF NOT EXISTS <name>} put after
     * the INDEX keyword, so expressions, opclasses, INCLUDE and WHERE are kept exactly. Null when the
     * statement does not start the way the model says (then there is no safe rewrite).
     */
    static String concurrentForm(String sql, Operation.CreateIndex idx, String name) {
        int at = afterIndexKeyword(sql);
        if (at < 0) {
            return null;
        }
        String rest = sql.substring(at);
        if (idx.name() == null) {
            return sql.substring(0, at) + " CONCURRENTLY IF NOT EXISTS " + PgSql.ident(name) + rest;
        }
        return sql.substring(0, at) + (idx.ifNotExists() ? " CONCURRENTLY" : " CONCURRENTLY IF NOT EXISTS") + rest;
    }

    /** Offset just after {@code INDEX} in {@code CREATE [UNIQUE] INDEX}, or -1. */
    private static int afterIndexKeyword(String sql) {
        int pos = 0;
        for (String expected : new String[]{"create", "unique", "index"}) {
            while (pos < sql.length() && Character.isWhitespace(sql.charAt(pos))) {
                pos++;
            }
            int end = pos;
            while (end < sql.length() && Character.isLetter(sql.charAt(end))) {
                end++;
            }
            String word = sql.substring(pos, end).toLowerCase(Locale.ROOT);
            if (word.equals(expected)) {
                pos = end;
                if (expected.equals("index")) {
                    return pos;
                }
            } else if (!expected.equals("unique")) {
                return -1;
            }
        }
        return -1;
    }

    static String derivedIndexName(Operation.CreateIndex idx) {
        List<String> cols = idx.columns().stream().map(Predicates::unquote).toList();
        return PgSql.derivedName(idx.table(), cols, "idx");
    }
}
