package io.schemagate.policy.rule;

import io.schemagate.policy.Decision;
import io.schemagate.policy.Dialect;
import io.schemagate.policy.Principal;
import io.schemagate.policy.check.Catalog;
import io.schemagate.policy.check.Finding;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.OperationKind;
import io.schemagate.policy.ddl.StatementClass;
import io.schemagate.policy.ddl.TableRef;
import io.schemagate.policy.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import static io.schemagate.policy.rule.Statements.addColumn;
import static io.schemagate.policy.rule.Statements.ddl;
import static io.schemagate.policy.rule.Statements.dropColumn;
import static io.schemagate.policy.rule.Statements.dropTable;
import static io.schemagate.policy.rule.Statements.finding;
import static io.schemagate.policy.rule.Statements.plan;
import static org.assertj.core.api.Assertions.assertThat;

class PolicyEngineTest {

    // Wednesday 2026-11-25 10:00 in Berlin.
    private static final Clock WEDNESDAY_MORNING = Clock.fixed(Instant.parse("2026-11-25T09:00:00Z"), ZoneOffset.UTC);
    private static final Clock SATURDAY = Clock.fixed(Instant.parse("2026-11-28T09:00:00Z"), ZoneOffset.UTC);

    private static Match.Builder match() {
        return new Match.Builder();
    }

    private static Policy policy(List<Rule> rules, List<ProtectedObject> contracts) {
        return new Policy("test", 1, rules, Defaults.BUILT_IN, contracts, Map.of("dba", List.of("alice", "bob")),
                Map.of(), Duration.ofSeconds(2), List.of());
    }

    private static Decision decide(Policy policy, Clock clock, AnalyzedStatement st, List<Finding> findings,
                                   Plan plan, Principal who) {
        return new PolicyEngine(policy, clock).decide(new Subject(st, findings, plan, who, Catalog.NONE));
    }

    private static Decision decide(Policy policy, AnalyzedStatement st, List<Finding> findings, Plan plan) {
        return decide(policy, WEDNESDAY_MORNING, st, findings, plan, null);
    }

    @Test
    void defaultsFollowWhatIsKnownAboutTheStatement() {
        Policy p = policy(List.of(), List.of());
        assertThat(decide(p, ddl("ALTER TABLE t ADD COLUMN c text", addColumn("t", "c")), List.of(), null))
                .isInstanceOf(Decision.Allow.class).extracting(Decision::ruleId).isEqualTo("defaults.safe");
        Decision rewrite = decide(p, ddl("CREATE INDEX i ON t (a)"), List.of(finding("index-without-concurrently")), plan("t"));
        assertThat(rewrite).isInstanceOf(Decision.Rewrite.class).extracting(Decision::ruleId).isEqualTo("defaults.unsafe_with_plan");
        assertThat(decide(p, ddl("ALTER TABLE t DROP COLUMN c", dropColumn("t", "c")), List.of(finding("dropping-column")), null))
                .isInstanceOf(Decision.RequireApproval.class).extracting(Decision::ruleId).isEqualTo("defaults.unsafe_without_plan");
        assertThat(decide(p, Statements.opaque("DO $$ $$"), List.of(), null))
                .isInstanceOf(Decision.RequireApproval.class).extracting(Decision::ruleId).isEqualTo("defaults.opaque");
        Decision unknown = decide(p, Statements.unknown("ALTER TABLE t FROB"), List.of(), null);
        assertThat(unknown.ruleId()).isEqualTo("defaults.unknown");
        // The engine reports the unknown statement as a finding when the checks did not.
        assertThat(unknown.findings()).extracting(Finding::checkId).containsExactly("unknown-statement");
    }

    @Test
    void firstMatchingRuleWins() {
        Rule reject = new Rule("no-drops", null, match().operations(OperationKind.DROP_TABLE).build(), new Action.Reject("no"));
        Rule allow = new Rule("drops-ok", null, match().operations(OperationKind.DROP_TABLE).build(), new Action.Allow());
        Decision d = decide(policy(List.of(reject, allow), List.of()), ddl("DROP TABLE t", dropTable("t")),
                List.of(finding("dropping-table")), null);
        assertThat(d).isInstanceOf(Decision.Reject.class);
        assertThat(d.ruleId()).isEqualTo("no-drops");
        assertThat(((Decision.Reject) d).message()).isEqualTo("no");
        d = decide(policy(List.of(allow, reject), List.of()), ddl("DROP TABLE t", dropTable("t")),
                List.of(finding("dropping-table")), null);
        assertThat(d.ruleId()).isEqualTo("drops-ok");
    }

    @Test
    void looseningRulesMustCoverEveryOperationTighteningOnesAny() {
        AnalyzedStatement mixed = ddl("ALTER TABLE t ADD COLUMN a text, DROP COLUMN b", addColumn("t", "a"), dropColumn("t", "b"));
        List<Finding> findings = List.of(finding("dropping-column"));
        Rule allowAdds = new Rule("adds-ok", null, match().operations(OperationKind.ADD_COLUMN).build(), new Action.Allow());
        // The allow rule does not let the DROP COLUMN ride along with the ADD COLUMN.
        assertThat(decide(policy(List.of(allowAdds), List.of()), mixed, findings, null).ruleId())
                .isEqualTo("defaults.unsafe_without_plan");
        Rule rejectDrops = new Rule("drops", null, match().operations(OperationKind.DROP_COLUMN).build(), new Action.Reject(null));
        assertThat(decide(policy(List.of(rejectDrops), List.of()), mixed, findings, null).ruleId()).isEqualTo("drops");
    }

    @Test
    void looseningCheckRuleNeedsEveryFindingListed() {
        Rule indexesOk = new Rule("indexes-ok", null, match().checks("index-without-concurrently").build(), new Action.Allow());
        Policy p = policy(List.of(indexesOk), List.of());
        AnalyzedStatement idx = ddl("CREATE INDEX i ON t (a)");
        assertThat(decide(p, idx, List.of(finding("index-without-concurrently")), null).ruleId()).isEqualTo("indexes-ok");
        assertThat(decide(p, idx, List.of(finding("index-without-concurrently"), finding("concurrent-index-corruption-bug")), null)
                .ruleId()).isEqualTo("defaults.unsafe_without_plan");
        // A statement with no findings is not "covered" by a checks condition; the default decides.
        assertThat(decide(p, idx, List.of(), null).ruleId()).isEqualTo("defaults.safe");
    }

    @Test
    void aLockTimeoutInThePolicySettlesTheMissingLockTimeoutFinding() {
        Rule indexesOk = new Rule("indexes-ok", null, match().checks("index-without-concurrently").build(), new Action.Allow());
        AnalyzedStatement add = ddl("ALTER TABLE t ADD COLUMN c text", addColumn("t", "c"));
        List<Finding> onlyTimeout = List.of(finding("missing-lock-timeout"));
        Policy withTimeout = policy(List.of(indexesOk), List.of());
        Decision safe = decide(withTimeout, add, onlyTimeout, plan("t"));
        assertThat(safe.ruleId()).isEqualTo("defaults.safe");
        // Still reported, so a linter shows it.
        assertThat(safe.findings()).extracting(Finding::checkId).containsExactly("missing-lock-timeout");
        // An allow rule need not list it.
        AnalyzedStatement idx = ddl("CREATE INDEX i ON t (a)");
        assertThat(decide(withTimeout, idx, List.of(finding("index-without-concurrently"), finding("missing-lock-timeout")), null)
                .ruleId()).isEqualTo("indexes-ok");
        // Without a lock timeout in the policy it is a finding like any other.
        Policy noTimeout = new Policy("test", 1, List.of(indexesOk), Defaults.BUILT_IN, List.of(), Map.of(), Map.of(),
                Duration.ZERO, List.of());
        assertThat(decide(noTimeout, add, onlyTimeout, plan("t")).ruleId()).isEqualTo("defaults.unsafe_with_plan");
        assertThat(decide(noTimeout, idx, List.of(finding("index-without-concurrently"), finding("missing-lock-timeout")), null)
                .ruleId()).isEqualTo("defaults.unsafe_without_plan");
    }

    @Test
    void tableGlobsAndUnqualifiedNamesResolveToTheDefaultSchema() {
        Rule scratch = new Rule("scratch-free", null, match().tables("scratch.*").build(), new Action.Allow());
        Policy p = policy(List.of(scratch), List.of());
        List<Finding> f = List.of(finding("dropping-table"));
        assertThat(decide(p, ddl("DROP TABLE scratch.tmp", dropTable("scratch.tmp")), f, null).ruleId()).isEqualTo("scratch-free");
        // PostgreSQL: an unqualified name is taken to be in public.
        assertThat(decide(p, ddl("DROP TABLE tmp", dropTable("tmp")), f, null).ruleId()).isEqualTo("defaults.unsafe_without_plan");
        // Every table must be in scratch for an allow rule to apply.
        assertThat(decide(p, ddl("DROP TABLE scratch.a, public.b", dropTable("scratch.a"), dropTable("public.b")), f, null).ruleId())
                .isEqualTo("defaults.unsafe_without_plan");
        // MySQL: an unqualified name is in the session's database.
        Principal shopSession = new Principal("app", "scratch", "10.0.0.1", null, null);
        assertThat(decide(p, WEDNESDAY_MORNING, Statements.mysql("DROP TABLE tmp", dropTable("tmp")), f, null, shopSession).ruleId())
                .isEqualTo("scratch-free");
    }

    @Test
    void principalsApplicationsAndAddresses() {
        Rule migrations = new Rule("flyway-from-ci", null, match().users("svc_*").applications("Flyway*")
                .addresses("10.0.0.0/8").build(), new Action.Allow());
        Policy p = policy(List.of(migrations), List.of());
        AnalyzedStatement drop = ddl("ALTER TABLE t DROP COLUMN c", dropColumn("t", "c"));
        List<Finding> f = List.of(finding("dropping-column"));
        Principal ci = new Principal("svc_deploy", "shop", "10.1.2.3", "Flyway 10.0", null);
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, ci).ruleId()).isEqualTo("flyway-from-ci");
        Principal laptop = new Principal("svc_deploy", "shop", "192.168.0.7", "Flyway 10.0", null);
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, laptop).ruleId()).isEqualTo("defaults.unsafe_without_plan");
        Principal psql = new Principal("svc_deploy", "shop", "10.1.2.3", "psql", null);
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, psql).ruleId()).isEqualTo("defaults.unsafe_without_plan");
        // Linting a file: nobody is known, so a rule about people never matches.
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, null).ruleId()).isEqualTo("defaults.unsafe_without_plan");
    }

    @Test
    void changeWindowsUseTheClock() {
        TimeWindow business = new TimeWindow(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                LocalTime.of(18, 0), ZoneId.of("Europe/Berlin"));
        Rule noDrops = new Rule("no-drops-in-business-hours", null,
                match().operations(OperationKind.DROP_TABLE).time(business).build(), new Action.Reject("not now"));
        Policy p = policy(List.of(noDrops), List.of());
        AnalyzedStatement drop = ddl("DROP TABLE t", dropTable("t"));
        List<Finding> f = List.of(finding("dropping-table"));
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, null).ruleId()).isEqualTo("no-drops-in-business-hours");
        assertThat(decide(p, SATURDAY, drop, f, null, null).ruleId()).isEqualTo("defaults.unsafe_without_plan");
    }

    @Test
    void unlessInvertsAConditionConservatively() {
        TimeWindow changeWindow = new TimeWindow(Set.of(DayOfWeek.SATURDAY), LocalTime.of(6, 0), LocalTime.of(12, 0),
                ZoneId.of("UTC"));
        Match outside = match().operations(OperationKind.DROP_TABLE)
                .unless(match().time(changeWindow).build()).build();
        Policy p = policy(List.of(new Rule("drops-only-in-window", null, outside, new Action.Reject("wait for Saturday"))), List.of());
        AnalyzedStatement drop = ddl("DROP TABLE t", dropTable("t"));
        assertThat(decide(p, WEDNESDAY_MORNING, drop, List.of(), null, null).ruleId()).isEqualTo("drops-only-in-window");
        assertThat(decide(p, SATURDAY, drop, List.of(), null, null).ruleId()).isEqualTo("defaults.safe");
    }

    @Test
    void tableSizesFromTheCatalogAndUnknownSizesNeverLoosen() {
        Rule bigNeedsDba = new Rule("big-tables-need-dba", null, match().minRows(1_000_000L).build(),
                new Action.RequireApproval(2, List.of("dba"), null));
        Rule smallOk = new Rule("small-tables-free", null, match().maxRows(10_000L).build(), new Action.Allow());
        Policy p = policy(List.of(bigNeedsDba, smallOk), List.of());
        AnalyzedStatement drop = ddl("ALTER TABLE t DROP COLUMN c", dropColumn("t", "c"));
        List<Finding> f = List.of(finding("dropping-column"));
        Decision big = new PolicyEngine(p, WEDNESDAY_MORNING).decide(new Subject(drop, f, null, null, rows(5_000_000)));
        assertThat(big.ruleId()).isEqualTo("big-tables-need-dba");
        assertThat(((Decision.RequireApproval) big).approvals()).isEqualTo(2);
        assertThat(((Decision.RequireApproval) big).groups()).containsExactly("dba");
        Decision small = new PolicyEngine(p, WEDNESDAY_MORNING).decide(new Subject(drop, f, null, null, rows(500)));
        assertThat(small.ruleId()).isEqualTo("small-tables-free");
        // No catalog: the table might be big, so the tightening rule holds and the loosening one does not.
        assertThat(decide(p, drop, f, null).ruleId()).isEqualTo("big-tables-need-dba");
    }

    private static Catalog rows(long n) {
        return new Catalog() {
            @Override
            public OptionalLong estimatedRows(TableRef table) {
                return OptionalLong.of(n);
            }
        };
    }

    @Test
    void protectedObjectsAreRejectedByDefaultAndOnlyExplicitRulesOverride() {
        List<ProtectedObject> contracts = List.of(new ProtectedObject("public", "payments", List.of()),
                new ProtectedObject("public", "users", List.of("email")));
        Rule dbaAnything = new Rule("dba-anything", null, match().users("dba_*").build(), new Action.Allow());
        Policy p = policy(List.of(dbaAnything), contracts);
        Principal dba = new Principal("dba_carol", "shop", "10.0.0.1", "psql", null);
        Decision d = decide(p, WEDNESDAY_MORNING, ddl("DROP TABLE payments", dropTable("payments")),
                List.of(finding("dropping-table")), null, dba);
        assertThat(d).isInstanceOf(Decision.Reject.class);
        assertThat(d.ruleId()).isEqualTo("defaults.protected");
        assertThat(d.findings()).extracting(Finding::checkId).contains("protected-object");
        assertThat(((Decision.Reject) d).message()).contains("drops table payments").contains("public.payments");
        // Only the email column of users is protected.
        assertThat(decide(p, WEDNESDAY_MORNING, ddl("ALTER TABLE users DROP COLUMN nickname", dropColumn("users", "nickname")),
                List.of(finding("dropping-column")), null, dba).ruleId()).isEqualTo("dba-anything");
        assertThat(decide(p, WEDNESDAY_MORNING, ddl("ALTER TABLE public.users DROP COLUMN EMAIL", dropColumn("public.users", "EMAIL")),
                List.of(finding("dropping-column")), null, dba).ruleId()).isEqualTo("defaults.protected");
        // A rule written for the contract may grant an exception.
        Rule exception = new Rule("payments-archive", null,
                match().checks("protected-object", "dropping-table").users("dba_*").build(), new Action.Allow());
        Policy withException = policy(List.of(dbaAnything, exception), contracts);
        assertThat(decide(withException, WEDNESDAY_MORNING, ddl("DROP TABLE payments", dropTable("payments")),
                List.of(finding("dropping-table")), null, dba).ruleId()).isEqualTo("payments-archive");
    }

    @Test
    void rewriteRulesNeedAPlanAndRejectionsOfferIt() {
        Rule rewrite = new Rule("stage-it", null, match().checks("index-without-concurrently").build(), new Action.Rewrite(true));
        Policy p = policy(List.of(rewrite), List.of());
        AnalyzedStatement idx = ddl("CREATE INDEX i ON t (a)");
        List<Finding> f = List.of(finding("index-without-concurrently"));
        Decision staged = decide(p, idx, f, plan("t"));
        assertThat(staged).isInstanceOf(Decision.Rewrite.class);
        assertThat(((Decision.Rewrite) staged).waitForCompletion()).isTrue();
        assertThat(decide(p, idx, f, null).ruleId()).isEqualTo("defaults.unsafe_without_plan");

        Rule reject = new Rule("no-blocking-indexes", null, match().checks("index-without-concurrently").build(),
                new Action.Reject("use CONCURRENTLY"));
        Decision rejected = decide(policy(List.of(reject), List.of()), idx, f, plan("t"));
        assertThat(((Decision.Reject) rejected).safeAlternative()).contains("CREATE INDEX CONCURRENTLY i ON t (a);");
    }

    @Test
    void dialectAndStatementClassConditions() {
        Rule mysqlOpaque = new Rule("mysql-procs", null, match().dialects(Dialect.MYSQL)
                .statements(StatementClass.OPAQUE).build(), new Action.Reject("no procedures"));
        Policy p = policy(List.of(mysqlOpaque), List.of());
        assertThat(decide(p, Statements.opaque("DO $$ $$"), List.of(), null).ruleId()).isEqualTo("defaults.opaque");
        AnalyzedStatement call = new AnalyzedStatement("CALL x()", 0, 1, Dialect.MYSQL, StatementClass.OPAQUE, List.of(),
                null, "CALL");
        assertThat(decide(p, call, List.of(), null).ruleId()).isEqualTo("mysql-procs");
    }

    @Test
    void rolesAreDeclaredUserPatterns() {
        Rule deployers = new Rule("deployers-may-drop", null, match().role("deployers", "svc_*", "flyway").build(),
                new Action.Allow());
        Policy p = policy(List.of(deployers), List.of());
        AnalyzedStatement drop = ddl("DROP TABLE t", dropTable("t"));
        List<Finding> f = List.of(finding("dropping-table"));
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, new Principal("flyway", null, null, null, null)).ruleId())
                .isEqualTo("deployers-may-drop");
        assertThat(decide(p, WEDNESDAY_MORNING, drop, f, null, new Principal("mallory", null, null, null, null)).ruleId())
                .isEqualTo("defaults.unsafe_without_plan");
    }

    @Test
    void droppingTheSchemaOfAProtectedTableBreaksTheContract() {
        List<ProtectedObject> contracts = List.of(new ProtectedObject("billing", "payments", List.of()));
        Policy p = policy(List.of(), contracts);
        Decision d = decide(p, ddl("DROP SCHEMA billing CASCADE",
                new io.schemagate.policy.ddl.Operation.DropObject("SCHEMA", "billing", false, true)), List.of(), null);
        assertThat(d.ruleId()).isEqualTo("defaults.protected");
        assertThat(((Decision.Reject) d).message()).contains("drops schema billing that holds billing.payments");
        // Another schema's table of the same name is not protected when the statement names its schema.
        assertThat(decide(p, ddl("DROP TABLE public.payments", dropTable("public.payments")), List.of(), null).ruleId())
                .isEqualTo("defaults.safe");
        // Unqualified, it might be the protected one: the contract holds.
        assertThat(decide(p, ddl("DROP TABLE payments", dropTable("payments")), List.of(), null).ruleId())
                .isEqualTo("defaults.protected");
    }

    @Test
    void hasPlanSplitsRulesByWhetherAStagedPlanExists() {
        Rule noPlan = new Rule("no-plan-no-go", null, match().hasPlan(false).checks("changing-column-type").build(),
                new Action.Reject("write it as expand/contract"));
        Policy p = policy(List.of(noPlan), List.of());
        AnalyzedStatement alter = ddl("ALTER TABLE t ALTER COLUMN c TYPE bigint");
        List<Finding> f = List.of(finding("changing-column-type"));
        assertThat(decide(p, alter, f, null).ruleId()).isEqualTo("no-plan-no-go");
        assertThat(decide(p, alter, f, plan("t")).ruleId()).isEqualTo("defaults.unsafe_with_plan");
    }
}
