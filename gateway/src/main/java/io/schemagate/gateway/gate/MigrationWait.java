package io.schemagate.gateway.gate;

import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.executor.MigrationWatch;
import io.schemagate.policy.gate.GateVerdict;
import io.schemagate.policy.gate.PlanWait;
import io.schemagate.policy.plan.Step;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;

/**
 * A client waiting for its staged migration (policy {@code wait: true}): progress lines read from the
 * executor's in-memory {@link MigrationWatch}, and the outcome once the migration stops. A failure, a
 * pause or a rollback ends the wait with an error naming the migration, the step and what to do next;
 * the migration stays as it stopped, for {@code schemagate migrations show}.
 */
final class MigrationWait implements PlanWait {

    /** What a waiting client gets when its migration stopped short: SQLSTATE 55000; MySQL 1644 / 45000. */
    static final String STOPPED_STATE = "55000";
    static final int STOPPED_MYSQL = 1644;

    private final MigrationWatch watch;
    private final Duration interval;

    MigrationWait(MigrationWatch watch, Duration interval) {
        this.watch = watch;
        this.interval = interval;
    }

    @Override
    public Duration progressInterval() {
        return interval;
    }

    @Override
    public String progress() {
        return progress(watch.latest());
    }

    @Override
    public String notWaiting() {
        Migration m = watch.latest();
        return "schemagate: staged migration " + m.id() + ": wait: true does not apply inside a transaction block; "
                + "its background steps run once this transaction commits (schemagate migrations show " + m.id() + ")";
    }

    /** SQLSTATE 57014 query_canceled: what a server says to a cancelled statement. */
    @Override
    public GateVerdict.Refuse cancelled() {
        Migration m = watch.latest();
        return new GateVerdict.Refuse("57014", 1317, "schemagate: stopped waiting for staged migration " + m.id()
                + " on the client's cancel request; the migration goes on",
                progress(m), "schemagate migrations show " + m.id() + " follows it; schemagate migrations pause " + m.id()
                + " stops it at the next batch");
    }

    @Override
    public CompletionStage<Outcome> outcome() {
        return watch.stopped().thenApply(MigrationWait::outcome);
    }

    static String progress(Migration m) {
        List<Step> steps = m.plan().steps();
        int index = Math.min(m.nextStep(), steps.size() - 1);
        StringBuilder b = new StringBuilder("schemagate: staged migration ").append(m.id()).append(": ");
        if (m.state() != Migration.State.RUNNING) {
            b.append(switch (m.state()) {
                case WAITING -> "starting";
                case PENDING -> "pending (it starts once no other migration holds the table)";
                default -> m.state().id();
            });
            return b.toString();
        }
        b.append("step ").append(index + 1).append(" of ").append(steps.size()).append(" (")
                .append(steps.get(index).description()).append(')');
        Migration.BackfillProgress p = m.backfill();
        if (p != null && steps.get(index) instanceof Step.Backfill) {
            b.append(": ").append(p.rowsDone()).append(" of ~").append(p.rowsEstimate()).append(" rows");
            if (p.rowsPerSecond() > 0) {
                b.append(", ").append(Math.round(p.rowsPerSecond())).append(" rows/s");
                if (p.rowsEstimate() > p.rowsDone()) {
                    b.append(", about ").append(Math.round((p.rowsEstimate() - p.rowsDone()) / p.rowsPerSecond()))
                            .append(" s left");
                }
            }
        }
        return b.toString();
    }

    static Outcome outcome(Migration m) {
        String id = m.id();
        int total = m.plan().steps().size();
        int step = Math.min(m.nextStep(), total - 1) + 1;
        String show = "schemagate migrations show " + id;
        return switch (m.state()) {
            case COMPLETED -> Outcome.done("schemagate: staged migration " + id + " completed: " + total + " steps in "
                    + seconds(Duration.between(m.createdAt(), m.updatedAt())));
            case FAILED -> Outcome.failed(stopped("schemagate: staged migration " + id + " failed at step " + step + " of "
                            + total + " (" + m.plan().steps().get(step - 1).description() + "): " + m.error(),
                    "the steps before it (your statement's own included) stay done; the migration is left failed (" + show + ")",
                    "schemagate migrations resume " + id + " retries the step once its cause is fixed; "
                            + "schemagate migrations rollback " + id + " undoes what was done"));
            case PAUSED -> Outcome.failed(stopped("schemagate: staged migration " + id + " was paused at step " + step
                            + " of " + total + " before it finished",
                    "the change is not complete; the migration is left paused (" + show + ")",
                    "schemagate migrations resume " + id + " continues it"));
            default -> Outcome.failed(stopped("schemagate: staged migration " + id + " stopped before it finished: "
                            + m.state().id() + (m.error() == null ? "" : " (" + m.error() + ")"),
                    "the change is not complete (" + show + ")", null));
        };
    }

    private static GateVerdict.Refuse stopped(String message, String detail, String hint) {
        return new GateVerdict.Refuse(STOPPED_STATE, STOPPED_MYSQL, message, detail, hint);
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
