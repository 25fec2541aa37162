package io.schemagate.policy.rule;

import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;

/**
 * A plan written out as a SQL script for people: what {@code schemagate check} prints and what a
 * rejection offers as the safe alternative. Background batches are shown as the UPDATE they repeat.
 */
public final class PlanScript {

    private PlanScript() {
    }

    public static String sql(Plan plan) {
        StringBuilder sb = new StringBuilder();
        int n = 1;
        for (Step step : plan.steps()) {
            sb.append("-- ").append(n++).append(". ").append(step.description() == null ? "" : step.description())
                    .append(step.where() == Step.Where.IN_BAND ? " (in place of the statement)" : " (background)")
                    .append('\n');
            if (step instanceof Step.Sql s) {
                sb.append(s.sql().strip());
                if (!s.sql().strip().endsWith(";")) {
                    sb.append(';');
                }
                sb.append('\n');
            } else if (step instanceof Step.Backfill b) {
                String key = b.keyColumns().isEmpty() ? "<primary key>" : String.join(", ", b.keyColumns());
                sb.append("-- repeated in batches of about ").append(b.initialBatchSize())
                        .append(" rows in (").append(key).append(") order, each its own transaction:\n")
                        .append("UPDATE ").append(b.table()).append(" SET ").append(b.column()).append(" = ")
                        .append(b.expression()).append(" WHERE ").append(b.column()).append(" IS NULL AND <next batch>;\n");
            }
        }
        return sb.toString();
    }
}
