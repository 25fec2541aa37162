package io.schemagate.gateway.gate;

import io.schemagate.gateway.executor.Migration;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.plan.Plan;
import io.schemagate.policy.plan.Step;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What a client waiting for its staged migration is told, from the migration's saved state. */
class MigrationWaitTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Plan PLAN = new Plan(TableRef.of("orders"), "staged ADD COLUMN c", List.of(
            new Step.Sql("add c nullable", Step.Where.IN_BAND, "ALTER TABLE orders ADD COLUMN c int4", false, null, 1, null, null),
            new Step.Backfill("fill c", TableRef.of("orders"), "c", "1", List.of("id"), 1000, null, null),
            new Step.Sql("validate", Step.Where.BACKGROUND, "ALTER TABLE orders VALIDATE CONSTRAINT k", true, null, 1, null, null)));

    private static Migration migration(Migration.State state, int nextStep, Migration.BackfillProgress backfill, String error,
                                       Instant updated) {
        return new Migration("mig_test", "postgresql", "127.0.0.1:5432", "shop", "ALTER TABLE orders ...", "app", null, PLAN,
                state, nextStep, backfill, List.of(), List.of(), T0, updated, error);
    }

    @Test
    void progressNamesTheStepAndTheBackfillsRowsRateAndTimeLeft() {
        Migration.BackfillProgress p = new Migration.BackfillProgress(List.of("id"), List.of(50_000), 50_000, 200_000, 5000,
                25_000.4, T0);
        assertThat(MigrationWait.progress(migration(Migration.State.RUNNING, 1, p, null, T0)))
                .isEqualTo("schemagate: staged migration mig_test: step 2 of 3 (fill c): 50000 of ~200000 rows, 25000 rows/s, about 6 s left");
        assertThat(MigrationWait.progress(migration(Migration.State.RUNNING, 2, null, null, T0)))
                .isEqualTo("schemagate: staged migration mig_test: step 3 of 3 (validate)");
        assertThat(MigrationWait.progress(migration(Migration.State.PENDING, 1, null, null, T0)))
                .startsWith("schemagate: staged migration mig_test: pending");
    }

    @Test
    void aCompletedMigrationEndsTheWaitWithANoticeAndAStoppedOneWithAnErrorSayingWhatToDo() {
        PlanWait.Outcome done = MigrationWait.outcome(migration(Migration.State.COMPLETED, 3, null, null, T0.plusMillis(4200)));
        assertThat(done.failure()).isNull();
        assertThat(done.notice()).isEqualTo("schemagate: staged migration mig_test completed: 3 steps in 4.2 s");

        PlanWait.Outcome failed = MigrationWait.outcome(migration(Migration.State.FAILED, 2, null,
                "check constraint \"k\" is violated by some row (SQLSTATE 23514)", T0));
        assertThat(failed.notice()).isNull();
        assertThat(failed.failure().sqlState()).isEqualTo("55000");
        assertThat(failed.failure().mysqlError()).isEqualTo(1644);
        assertThat(failed.failure().message()).isEqualTo("schemagate: staged migration mig_test failed at step 3 of 3 (validate): "
                + "check constraint \"k\" is violated by some row (SQLSTATE 23514)");
        assertThat(failed.failure().detail()).contains("left failed", "schemagate migrations show mig_test");
        assertThat(failed.failure().hint()).contains("schemagate migrations resume mig_test", "schemagate migrations rollback mig_test");

        PlanWait.Outcome paused = MigrationWait.outcome(migration(Migration.State.PAUSED, 1, null, null, T0));
        assertThat(paused.failure().message()).isEqualTo("schemagate: staged migration mig_test was paused at step 2 of 3 before it finished");
        assertThat(paused.failure().hint()).isEqualTo("schemagate migrations resume mig_test continues it");
    }
}
