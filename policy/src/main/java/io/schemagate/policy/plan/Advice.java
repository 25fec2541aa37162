package io.schemagate.policy.plan;

import io.schemagate.policy.check.Check;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.check.Checks;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.Operation;

import java.util.Set;

/** Why an operation has no staged form, in the words of the check that found it unsafe. */
public final class Advice {

    /** Findings about how a statement is sent rather than what it does; the plan itself takes care of them. */
    private static final Set<String> PROCEDURAL = Set.of("missing-lock-timeout", "mysql-no-algorithm-guard");

    private Advice() {
    }

    public static String noStagedForm(Operation op, AnalyzedStatement statement, CheckContext ctx) {
        for (Check check : Checks.forDialect(statement.dialect())) {
            for (Finding f : check.check(op, statement, ctx)) {
                if (f.help() != null && !PROCEDURAL.contains(f.checkId())) {
                    return "no automatic staged form for " + op.kind().id() + " (" + f.checkId() + "): " + f.help();
                }
            }
        }
        return "no automatic staged form for " + op.kind().id() + " on " + op.table()
                + "; run it on its own, under a short lock timeout";
    }
}
