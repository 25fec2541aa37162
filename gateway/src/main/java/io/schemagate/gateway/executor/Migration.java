package io.schemagate.gateway.executor;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.schemagate.policy.plan.Plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A staged plan being carried out, with everything needed to resume it after a restart. Saved after
 * every step and every backfill batch.
 *
 * @param id         {@code mig_...}, named in the notice the client sees
 * @param dialect    postgresql or mysql
 * @param upstream   {@code host:port} of the server it runs against
 * @param database   the database (schema in MySQL) it runs in
 * @param statement  the statement the plan replaces
 * @param requester  the database user who sent it
 * @param changeId   the approved change request it carries out, or null
 * @param plan       the steps
 * @param state      where it stands
 * @param nextStep   index into {@code plan.steps()} of the first step not yet finished
 * @param backfill   progress of the backfill step under way, or null
 * @param outcomes   finished (or failed) steps, in order
 * @param rolledBack indexes of steps whose rollback has run
 * @param error      why it failed, or null
 */
public record Migration(
        @JsonProperty("id") String id,
        @JsonProperty("dialect") String dialect,
        @JsonProperty("upstream") String upstream,
        @JsonProperty("database") String database,
        @JsonProperty("statement") String statement,
        @JsonProperty("requester") String requester,
        @JsonProperty("change_id") String changeId,
        @JsonProperty("plan") Plan plan,
        @JsonProperty("state") State state,
        @JsonProperty("next_step") int nextStep,
        @JsonProperty("backfill") BackfillProgress backfill,
        @JsonProperty("outcomes") List<StepOutcome> outcomes,
        @JsonProperty("rolled_back") List<Integer> rolledBack,
        @JsonProperty("created_at") Instant createdAt,
        @JsonProperty("updated_at") Instant updatedAt,
        @JsonProperty("error") String error) {

    /** Where a migration stands. */
    public enum State {
        /** Waiting for the client's own statement (the in-band step) and its transaction to commit. */
        @JsonProperty("waiting") WAITING,
        /** The in-band step failed or its transaction rolled back: nothing runs. */
        @JsonProperty("discarded") DISCARDED,
        @JsonProperty("pending") PENDING,
        @JsonProperty("running") RUNNING,
        @JsonProperty("paused") PAUSED,
        @JsonProperty("failed") FAILED,
        @JsonProperty("completed") COMPLETED,
        @JsonProperty("rolling_back") ROLLING_BACK,
        @JsonProperty("rolled_back") ROLLED_BACK;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public boolean finished() {
            return this == COMPLETED || this == ROLLED_BACK || this == DISCARDED;
        }
    }

    /**
     * @param keyColumns   the primary key the batches walk
     * @param lastKey      the last key of the last committed batch (null before the first)
     * @param rowsDone     rows updated so far
     * @param rowsEstimate the table's estimated row count when the step started
     * @param batchSize    the current batch size
     * @param rowsPerSecond the recent rate
     * @param startedAt    when the backfill began
     */
    public record BackfillProgress(
            @JsonProperty("key_columns") List<String> keyColumns,
            @JsonProperty("last_key") List<Object> lastKey,
            @JsonProperty("rows_done") long rowsDone,
            @JsonProperty("rows_estimate") long rowsEstimate,
            @JsonProperty("batch_size") int batchSize,
            @JsonProperty("rows_per_second") double rowsPerSecond,
            @JsonProperty("started_at") Instant startedAt) {
    }

    /** One step's result. */
    public record StepOutcome(
            @JsonProperty("index") int index,
            @JsonProperty("description") String description,
            @JsonProperty("started_at") Instant startedAt,
            @JsonProperty("finished_at") Instant finishedAt,
            @JsonProperty("rows") long rows,
            @JsonProperty("attempts") int attempts,
            @JsonProperty("error") String error) {
    }

    public Migration {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(plan, "plan must not be null");
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
        rolledBack = rolledBack == null ? List.of() : List.copyOf(rolledBack);
    }

    Migration with(State s, Instant now, String err) {
        return new Migration(id, dialect, upstream, database, statement, requester, changeId, plan, s, nextStep, backfill,
                outcomes, rolledBack, createdAt, now, err);
    }

    Migration withBackfill(BackfillProgress p, Instant now) {
        return new Migration(id, dialect, upstream, database, statement, requester, changeId, plan, state, nextStep, p,
                outcomes, rolledBack, createdAt, now, error);
    }

    Migration stepDone(StepOutcome o, Instant now) {
        List<StepOutcome> more = new ArrayList<>(outcomes);
        more.add(o);
        return new Migration(id, dialect, upstream, database, statement, requester, changeId, plan, state, nextStep + 1,
                null, more, rolledBack, createdAt, now, error);
    }

    Migration stepFailed(StepOutcome o, Instant now) {
        List<StepOutcome> more = new ArrayList<>(outcomes);
        more.add(o);
        return new Migration(id, dialect, upstream, database, statement, requester, changeId, plan, State.FAILED, nextStep,
                backfill, more, rolledBack, createdAt, now, o.error());
    }

    Migration rolledBackStep(int index, Instant now) {
        List<Integer> more = new ArrayList<>(rolledBack);
        more.add(index);
        return new Migration(id, dialect, upstream, database, statement, requester, changeId, plan, state, nextStep, backfill,
                outcomes, more, createdAt, now, error);
    }
}
