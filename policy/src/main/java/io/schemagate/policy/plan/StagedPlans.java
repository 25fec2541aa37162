package io.schemagate.policy.plan;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;

import java.util.ArrayList;
import java.util.List;

/** Assembles per-operation step lists into one plan: every in-band step first, then the background ones. */
public final class StagedPlans {

    private StagedPlans() {
    }

    public static Planning.Staged assemble(Dialect dialect, TableRef table, String summary,
                                           List<List<StagedStep>> perOperation) {
        List<StagedStep> ordered = new ArrayList<>();
        for (Step.Where where : Step.Where.values()) {
            for (List<StagedStep> steps : perOperation) {
                for (StagedStep s : steps) {
                    if (s.step().where() == where) {
                        ordered.add(s);
                    }
                }
            }
        }
        List<Step> steps = new ArrayList<>();
        List<AnalyzedStatement> statements = new ArrayList<>();
        for (StagedStep s : ordered) {
            steps.add(s.step());
            statements.add(s.step() instanceof Step.Sql sql
                    ? new AnalyzedStatement(sql.sql(), 0, 1, dialect, StatementClass.DDL, s.operations(), s.options(), null)
                    : null);
        }
        return new Planning.Staged(new Plan(table, summary, steps), statements);
    }
}
