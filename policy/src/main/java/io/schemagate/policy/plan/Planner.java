package io.schemagate.policy.plan;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.check.CheckContext;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.plan.mysql.MySqlPlanner;
import io.schemagate.policy.plan.pg.PgPlanner;

/**
 * Turns an unsafe DDL statement into a staged, safe plan: a metadata-only first step that can run
 * in-band in place of the statement, then background steps (backfill, NOT VALID constraint, VALIDATE in
 * its own transaction, SET NOT NULL, cleanup), each with a lock timeout, retries, a verification query
 * and a compensating rollback.
 */
public interface Planner {

    Planning plan(AnalyzedStatement statement, CheckContext context);

    static Planner forDialect(Dialect dialect) {
        return dialect == Dialect.POSTGRESQL ? new PgPlanner() : new MySqlPlanner();
    }
}
