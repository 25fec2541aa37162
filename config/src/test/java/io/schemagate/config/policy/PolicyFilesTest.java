package io.schemagate.config.policy;

import io.schemagate.policy.ddl.OperationKind;
import io.schemagate.policy.rule.Action;
import io.schemagate.policy.rule.Defaults;
import io.schemagate.policy.rule.Policy;
import io.schemagate.policy.rule.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyFilesTest {

    private static final KnownChecks CHECKS = KnownChecks.of(Set.of("adding-volatile-default", "dropping-table",
            "dropping-column", "missing-lock-timeout", "index-without-concurrently"));

    private static List<String> problems(String yaml) {
        try {
            PolicyFiles.parse("p.yaml", yaml, CHECKS);
        } catch (PolicyException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + yaml);
    }

    @Test
    void readsAFullPolicy() {
        String yaml = """
                version: 1
                lock_timeout: 500ms
                defaults: { unknown: reject, opaque: { action: require_approval, approvals: { count: 2, groups: [dba] } } }
                approvers: { dba: [alice, bob], security: [carol] }
                roles: { deployers: ["svc_*", ci] }
                protected:
                  - table: public.payments
                  - { table: public.users, columns: [email] }
                rules:
                  - id: no-drops-in-business-hours
                    match:
                      operations: [drop-table, drop-column]
                      tables: ["public.*"]
                      time: { days: [mon-fri], between: "08:00-18:00", timezone: Europe/Berlin }
                    action: reject
                    message: Drops only outside business hours
                  - id: big-tables-need-dba
                    match: { checks: [adding-volatile-default], min_rows: 1_000_000, roles: [deployers], addresses: [10.0.0.0/8] }
                    action: require_approval
                    approvals: { count: 2, groups: [dba] }
                tests:
                  - sql: ALTER TABLE orders ADD COLUMN note text
                    expect: allow
                    at: 2026-11-25T10:00:00+01:00
                    rows: { orders: 5000 }
                """;
        PolicyFiles.Loaded loaded = PolicyFiles.parse("p.yaml", yaml, CHECKS);
        Policy p = loaded.policy();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(p.lockTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(p.rules()).extracting(Rule::id).containsExactly("no-drops-in-business-hours", "big-tables-need-dba");
        Rule first = p.rules().get(0);
        assertThat(first.match().operations()).containsExactlyInAnyOrder(OperationKind.DROP_TABLE, OperationKind.DROP_COLUMN);
        assertThat(first.match().time()).hasSize(1);
        assertThat(first.action()).isEqualTo(new Action.Reject("Drops only outside business hours"));
        Rule second = p.rules().get(1);
        assertThat(second.match().minRows()).isEqualTo(1_000_000L);
        assertThat(second.action()).isEqualTo(new Action.RequireApproval(2, List.of("dba"), null));
        assertThat(p.defaults().unknown()).isEqualTo(new Action.Reject(null));
        assertThat(p.defaults().opaque()).isEqualTo(new Action.RequireApproval(2, List.of("dba"), null));
        assertThat(p.defaults().safe()).isEqualTo(Defaults.BUILT_IN.safe());
        assertThat(p.protectedObjects()).hasSize(2);
        assertThat(p.protectedObjects().get(1).columns()).containsExactly("email");
        assertThat(p.tests()).hasSize(1);
        assertThat(p.tests().get(0).location()).isEqualTo("p.yaml:22:5");
        assertThat(p.tests().get(0).rows()).containsEntry("orders", 5000L);
    }

    @Test
    void mysqlLocalInfileIsAllowedUnlessThePolicyRejectsIt() {
        assertThat(PolicyFiles.parse("p.yaml", "version: 1\n", CHECKS).policy().mysqlLocalInfile()).isTrue();
        assertThat(PolicyFiles.parse("p.yaml", "version: 1\nmysql: { local_infile: reject }\n", CHECKS)
                .policy().mysqlLocalInfile()).isFalse();
        assertThat(problems("version: 1\nmysql:\n  local_infile: maybe\n"))
                .containsExactly("p.yaml:3:17: mysql.local_infile must be allow or reject, not 'maybe'");
    }

    @Test
    void misspeltCheckIdPointsAtTheValueWithASuggestion() {
        assertThat(problems("""
                version: 1
                rules:
                  - id: big
                    match:
                      checks: [dropping-table, adding-volatile-defualt]
                    action: reject
                """)).containsExactly("p.yaml:5:32: unknown check id 'adding-volatile-defualt' "
                + "(did you mean adding-volatile-default?); 'schemagate policy validate --list-checks' lists them");
    }

    @Test
    void unknownKeysOperationKindsAndActionsAreAllReportedAtOnce() {
        List<String> problems = problems("""
                version: 1
                rules:
                  - id: a
                    match: { operation: [drop-table] }
                    action: reject
                  - id: b
                    match: { operations: [drop-tabel] }
                    action: deny
                """);
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("p.yaml:4:14: unknown key 'operation' in match (did you mean operations?)");
        assertThat(problems.get(1)).startsWith("p.yaml:7:27: unknown operation kind 'drop-tabel' (did you mean drop-table?)");
        assertThat(problems.get(2)).startsWith("p.yaml:8:13: unknown action 'deny' for rule 'b'");
    }

    @Test
    void semanticMistakesCarryTheirPlace() {
        List<String> problems = problems("""
                version: 1
                approvers: { dba: [alice] }
                rules:
                  - id: same
                    match: { addresses: [db.example.com], time: { days: [mon-fry], between: "8-18", timezone: Mars/Olympus } }
                    action: require_approval
                    approvals: { count: 2, groups: [dba] }
                  - id: same
                    match: {}
                    action: allow
                    message: fine
                  - id: third
                    match: { roles: [admins] }
                    action: require_approval
                    approvals: { groups: [dbas] }
                """);
        assertThat(problems).containsExactly(
                "p.yaml:5:26: 'db.example.com' is not an IP address or CIDR range (write e.g. 10.0.0.0/8, 192.168.1.20 or 2001:db8::/32; host names are not allowed)",
                "p.yaml:5:58: days must be names like mon, tue, ... sun or a range like mon-fri, not 'mon-fry'",
                "p.yaml:5:77: between must be two 24-hour times like \"08:00-18:00\" (a window past midnight is written \"22:00-06:00\"), not '8-18'",
                "p.yaml:5:95: unknown time zone 'Mars/Olympus': use a region id such as Europe/Berlin or America/New_York, or UTC",
                "p.yaml:7:25: needs 2 approvals but groups dba have only 1 approver; such a change could never be approved",
                "p.yaml:8:9: rule id 'same' is used twice (first at line 4)",
                "p.yaml:11:14: message is shown only when a statement is held or rejected; remove it from this allow rule 'same' or use description:",
                "p.yaml:13:22: role 'admins' is not declared under roles:; declare it, e.g. roles: { admins: [user1, \"svc_*\"] }",
                "p.yaml:15:27: approver group 'dbas' is not declared under approvers: (did you mean dba?)");
    }

    @Test
    void waitIsAnOptionOfRewriteOnly() {
        PolicyFiles.Loaded loaded = PolicyFiles.parse("p.yaml", """
                version: 1
                defaults: { unsafe_with_plan: { action: rewrite, wait: true } }
                rules:
                  - id: stage-and-wait
                    match: { checks: [adding-volatile-default] }
                    action: rewrite
                    wait: true
                  - id: stage
                    match: { checks: [index-without-concurrently] }
                    action: rewrite
                    wait: false
                """, CHECKS);
        assertThat(loaded.policy().rules()).extracting(Rule::action)
                .containsExactly(new Action.Rewrite(true), new Action.Rewrite(false));
        assertThat(loaded.policy().defaults().unsafeWithPlan()).isEqualTo(new Action.Rewrite(true));
        assertThat(problems("""
                version: 1
                rules:
                  - id: a
                    match: {}
                    action: rewrite
                    wait: yes please
                  - id: b
                    match: { checks: [dropping-table] }
                    action: reject
                    wait: true
                """)).containsExactly(
                "p.yaml:6:11: wait must be true or false, not 'yes please'",
                "p.yaml:10:11: wait applies only to action rewrite, not reject");
    }

    @Test
    void yamlSyntaxErrorsAndDuplicateKeysHaveLocations() {
        assertThat(problems("version: 1\nrules: [\n")).singleElement().asString().startsWith("p.yaml:2:9: not valid YAML");
        assertThat(problems("""
                version: 1
                rules:
                  - id: x
                    match: {}
                    action: allow
                    action: reject
                """)).containsExactly("p.yaml:6:5: duplicate key 'action' (first at line 5); remove one of them");
        assertThat(problems("")).containsExactly("p.yaml:1:1: the file is empty; a policy needs at least 'version: 1'");
        assertThat(problems("version: 2\n")).containsExactly(
                "p.yaml:1:10: policy format version 2 is not supported by this SchemaGate; it reads version 1");
    }

    @Test
    void defaultsCannotRewriteWithoutAPlanAndTestsMustNameRealRules() {
        assertThat(problems("""
                version: 1
                defaults: { unknown: rewrite }
                tests:
                  - sql: DROP TABLE t
                    expect: require_aproval
                  - sql: DROP TABLE t
                    expect: reject
                    rule: no-such-rule
                """)).containsExactly(
                "p.yaml:2:22: defaults.unknown cannot be rewrite: only statements with a staged plan can be rewritten (defaults.unsafe_with_plan)",
                "p.yaml:5:13: expect must be one of allow, rewrite, require_approval, reject (did you mean require_approval?), not 'require_aproval'",
                "p.yaml:8:11: no rule has id 'no-such-rule'");
    }

    @Test
    void catchAllBeforeOtherRulesIsAWarning() {
        PolicyFiles.Loaded loaded = PolicyFiles.parse("p.yaml", """
                version: 1
                rules:
                  - { id: everything, match: {}, action: allow }
                  - { id: never, match: { operations: [drop-table] }, action: reject }
                """, CHECKS);
        assertThat(loaded.warnings()).containsExactly(
                "p.yaml:3:30: warning: rule 'everything' matches every statement, so the rules after it never apply");
    }

    @Test
    void withoutTheCatalogueCheckIdsAreAcceptedWithOneWarning() {
        PolicyFiles.Loaded loaded = PolicyFiles.parse("p.yaml", """
                version: 1
                rules:
                  - { id: a, match: { checks: [whatever, other] }, action: reject }
                """, KnownChecks.UNVERIFIED);
        assertThat(loaded.warnings()).singleElement().asString().contains("check ids were not verified");
    }

    @Test
    void missingFileNamesTheFile(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> PolicyFiles.load(dir.resolve("nope.yaml"), CHECKS))
                .hasMessageEndingWith("nope.yaml: no such file");
    }

    @Test
    void builtInPolicyIsTheExampleFileAndLoads() throws Exception {
        Path example = Path.of("..", "examples", "policy.yaml");
        assertThat(PolicyFiles.builtInText()).isEqualTo(Files.readString(example));
        Policy p = PolicyFiles.builtIn(KnownChecks.UNVERIFIED).policy();
        assertThat(p.defaults().unsafeWithPlan()).isInstanceOf(Action.Rewrite.class);
        assertThat(p.defaults().unknown()).isInstanceOf(Action.RequireApproval.class);
        assertThat(p.defaults().opaque()).isInstanceOf(Action.RequireApproval.class);
        assertThat(p.defaults().protectedObject()).isInstanceOf(Action.Reject.class);
        assertThat(p.lockTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.tests()).isNotEmpty();
    }

    @Test
    void aSecondDocumentAndARewriteThatCanNeverApplyAreErrors() {
        assertThat(problems("version: 1\n---\nversion: 1\n")).containsExactly(
                "p.yaml:3:1: a second YAML document ('---'); a policy file holds exactly one");
        assertThat(problems("""
                version: 1
                rules:
                  - id: never
                    match: { has_plan: false }
                    action: rewrite
                """)).containsExactly("p.yaml:5:13: rule 'never' rewrites only statements with a staged plan, "
                + "but its match says has_plan: false; it can never apply");
    }
}
