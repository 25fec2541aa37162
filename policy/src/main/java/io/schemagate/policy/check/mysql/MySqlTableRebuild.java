package io.schemagate.policy.check.mysql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.check.Predicates;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;
import java.util.Locale;
import java.util.List;
import java.util.Set;

/**
 * Table options that rebuild the whole table: {@code ENGINE=}, {@code ROW_FORMAT=}, {@code KEY_BLOCK_SIZE=},
 * {@code FORCE}, {@code OPTIMIZE TABLE} (in-place rebuilds: long, replicas lag) and
 * {@code CONVERT TO CHARACTER SET} (a copy with writes blocked).
 */
public final class MySqlTableRebuild implements Check {
    public static final String ID = "mysql-table-rebuild";
    private static final Set<String> REBUILDING = Set.of("engine", "row_format", "key_block_size", "force",
            "convert_charset");

    public String id() { return ID; }

    public Set<Dialect> dialects() { return Set.of(Dialect.MYSQL); }

    public List<Finding> check(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        String what;
        if (op instanceof Operation.TableOption opt && REBUILDING.contains(opt.option())) {
            what = opt.option().equals("convert_charset")
                    ? "CONVERT TO CHARACTER SET copies " + opt.table() + " with writes blocked"
                    : opt.option().toUpperCase(Locale.ROOT) + " rebuilds " + opt.table();
        } else if (op instanceof Operation.TableRewrite rw) {
            what = rw.command().replace('-', ' ').toUpperCase(Locale.ROOT) + " rebuilds " + rw.table();
        } else {
            return List.of();
        }
        if (Predicates.isNewTable(op.table(), ctx)) {
            return List.of();
        }
        return Predicates.report(ID,
                what + ": the whole table is rewritten, which takes long, needs disk for a copy, and makes replicas "
                        + "lag because they replay it as one statement.",
                "Run it with an online schema change tool (gh-ost, or pt-online-schema-change --alter "
                        + "\"ENGINE=InnoDB\" as an online OPTIMIZE), or in a quiet window on a small table.", op);
    }
}
