package io.schemagate.policy.rule;

import io.schemagate.policy.Decision;
import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.ddl.TableRef;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Runs a policy's own {@code tests:} cases through the same judgement the gateway makes. Each case
 * is judged as if it came through the gateway: with the policy's lock timeout already set on the
 * session, at the case's time (or now), with the row counts the case gives and no other catalog.
 */
public final class PolicyTestRunner {

    /** The outcome of one case; {@code problem} says what differed, null when it passed. */
    public record Result(PolicyTest test, List<Judge.Judgement> judgements, String problem) {
        public boolean passed() {
            return problem == null;
        }
    }

    private final Policy policy;
    private final Judge.Analysis analysis;
    private final Judge.Plans plans;
    private final Clock clock;

    public PolicyTestRunner(Policy policy, Judge.Analysis analysis, Judge.Plans plans, Clock clock) {
        this.policy = policy;
        this.analysis = analysis;
        this.plans = plans;
        this.clock = clock;
    }

    public List<Result> run() {
        List<Result> out = new ArrayList<>();
        for (PolicyTest t : policy.tests()) {
            out.add(run(t));
        }
        return out;
    }

    public Result run(PolicyTest t) {
        Clock at = t.at() == null ? clock : Clock.fixed(t.at(), ZoneOffset.UTC);
        Judge judge = new Judge(new PolicyEngine(policy, at), analysis, plans);
        ServerVersion version = t.serverVersion() == null ? ServerVersion.defaultFor(t.dialect())
                : ServerVersion.parse(t.dialect(), t.serverVersion());
        List<Judge.Judgement> js = judge.judge(new Judge.Request(t.sql(), t.dialect(), version, t.principal(),
                rows(t.rows()), false, !policy.lockTimeout().isZero()));
        if (js.isEmpty()) {
            return new Result(t, js, "no statement in it is one the policy decides (DDL, opaque or unknown)");
        }
        List<String> wrong = new ArrayList<>();
        for (Judge.Judgement j : js) {
            Decision d = j.decision();
            boolean ok = d.name().equals(t.expect()) && (t.expectRule() == null || t.expectRule().equals(d.ruleId()));
            if (!ok) {
                String first = j.findings().isEmpty() ? "no findings"
                        : "findings: " + String.join(", ", j.findings().stream().map(f -> f.checkId()).distinct().toList());
                wrong.add((js.size() > 1 ? "statement at line " + j.statement().line() + ": " : "")
                        + "expected " + t.expect() + (t.expectRule() == null ? "" : " by " + t.expectRule())
                        + ", got " + d.name() + " by " + d.ruleId() + " (" + first + ")");
            }
        }
        return new Result(t, js, wrong.isEmpty() ? null : String.join("; ", wrong));
    }

    /** A catalog that knows only the row counts a case gives, by qualified name or bare table name. */
    static Catalog rows(Map<String, Long> rows) {
        if (rows.isEmpty()) {
            return Catalog.NONE;
        }
        return new Catalog() {
            @Override
            public OptionalLong estimatedRows(TableRef table) {
                for (Map.Entry<String, Long> e : rows.entrySet()) {
                    if (e.getKey().equalsIgnoreCase(table.qualified()) || e.getKey().equalsIgnoreCase(table.name())
                            || (table.schema() == null && e.getKey().toLowerCase(java.util.Locale.ROOT)
                            .endsWith("." + table.name().toLowerCase(java.util.Locale.ROOT)))) {
                        return OptionalLong.of(e.getValue());
                    }
                }
                return OptionalLong.empty();
            }
        };
    }
}
