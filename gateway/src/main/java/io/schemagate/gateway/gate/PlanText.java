package io.schemagate.gateway.gate;

import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;

import java.util.List;

/** A plan as one SQL line per step, for change requests and audit records ({@code PlanScript} writes it for people). */
final class PlanText {

    private PlanText() {
    }

    static List<String> steps(Plan plan) {
        return plan.steps().stream().map(PlanText::step).toList();
    }

    private static String step(Step s) {
        if (s instanceof Step.Sql sql) {
            return sql.sql();
        }
        Step.Backfill b = (Step.Backfill) s;
        return "-- in key-ordered batches: UPDATE " + b.table().qualified() + " SET " + b.column() + " = " + b.expression()
                + " WHERE " + b.column() + " IS NULL AND <next batch>";
    }
}
