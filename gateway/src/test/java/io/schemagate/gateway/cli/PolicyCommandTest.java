package io.schemagate.gateway.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyCommandTest {

    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("policy.yaml");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void validateReportsEveryProblemWithItsPlace() throws IOException {
        Path p = file("""
                version: 1
                rules:
                  - id: big-tables-need-dba
                    match: { checks: [adding-volatile-defualt], min_rows: 1000000 }
                    action: require_approval
                    approvals: { count: 2, groups: [dba] }
                """);
        CliRun r = CliRun.run("policy", "validate", p.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.err()).contains(p + ":4:23: unknown check id 'adding-volatile-defualt' (did you mean adding-volatile-default?)")
                .contains(p + ":6:37: approver group 'dba' is not declared under approvers:")
                .contains(p + ": 2 problems; the policy cannot be used");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void validateAcceptsAGoodPolicyAndMissingFilesExitTwo() throws IOException {
        CliRun ok = CliRun.run("policy", "validate", file("version: 1\n").toString());
        assertThat(ok.exit()).as(ok.toString()).isEqualTo(0);
        assertThat(ok.out()).contains("valid (0 rules, 0 protected objects, 0 test cases)");
        CliRun missing = CliRun.run("policy", "validate", dir.resolve("nope.yaml").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.yaml: cannot read the policy file");
        assertThat(CliRun.run("policy", "validate", "a.yaml", "b.yaml").exit()).isEqualTo(2);
    }

    @Test
    void listChecksNamesTheCatalogueAndTheEnginesOwn() {
        CliRun r = CliRun.run("policy", "validate", "--list-checks");
        assertThat(r.exit()).isEqualTo(0);
        assertThat(r.out()).contains("adding-volatile-default  (postgresql)")
                .contains("protected-object  (policy engine)")
                .contains("missing-lock-timeout  (mysql, postgresql)");
    }

    @Test
    void testRunsEmbeddedCasesAndFailsOnAMismatch() throws IOException {
        Path p = file("""
                version: 1
                rules:
                  - id: no-drops-in-office-hours
                    match:
                      operations: [drop-table]
                      time: { days: [mon-fri], between: "08:00-18:00", timezone: Europe/Berlin }
                    action: reject
                tests:
                  - name: drop on a Wednesday morning
                    sql: DROP TABLE orders
                    at: 2026-11-25T10:00:00+01:00
                    expect: reject
                    rule: no-drops-in-office-hours
                  - name: drop on a Saturday
                    sql: DROP TABLE orders
                    at: 2026-11-28T10:00:00+01:00
                    expect: require_approval
                  - name: wrong expectation
                    sql: ALTER TABLE orders ADD COLUMN note text
                    expect: reject
                """);
        CliRun r = CliRun.run("policy", "test", p.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("PASS  drop on a Wednesday morning")
                .contains("PASS  drop on a Saturday")
                .contains("FAIL  wrong expectation\n      " + p + ":18:5: expected reject, got allow by defaults.safe (no findings)")
                .contains(p + ": 2 passed, 1 failed");
    }

    @Test
    void testWithoutCasesOrWithMistakesFails() throws IOException {
        CliRun none = CliRun.run("policy", "test", file("version: 1\n").toString());
        assertThat(none.exit()).isEqualTo(1);
        assertThat(none.err()).contains("no test cases");
        CliRun broken = CliRun.run("policy", "test", file("version: 1\ntests: [ { sql: DROP TABLE t } ]\n").toString());
        assertThat(broken.exit()).isEqualTo(1);
        assertThat(broken.err()).contains(":2:10: a test case needs sql: (the statements) and expect:");
    }
}
