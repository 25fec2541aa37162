package io.schemagate.gateway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CheckCommandTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void cleanFileExitsZeroAndSaysWhichVersionWasAssumed() throws IOException {
        Path sql = file("V1__create.sql", "CREATE TABLE orders (id bigint PRIMARY KEY, note text);\nSELECT 1;\n");
        CliRun r = CliRun.run("check", sql.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(0);
        assertThat(r.out()).contains("Judged for PostgreSQL 15 (assumed: no --server-version given)")
                .contains(sql + ":1:1: CREATE TABLE orders")
                .contains("decision: allow (rule defaults.safe)")
                .contains("1 schema statement in 1 input, 0 with findings; 1 allow");
    }

    @Test
    void findingsExitOneWithLocationFindingHelpAndDecision() throws IOException {
        Path sql = file("V2__drop.sql", "-- remove the old column\n\n  ALTER TABLE orders DROP COLUMN legacy;\n");
        CliRun r = CliRun.run("check", "--server-version", "16", sql.toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Judged for PostgreSQL 16 with policy built-in:policy.yaml")
                .doesNotContain("assumed")
                .contains(sql + ":3:3: ALTER TABLE orders DROP COLUMN legacy")
                .contains("  dropping-column: Dropping orders.legacy")
                .contains("    help: ")
                .contains("decision: require_approval (rule destructive-changes-need-approval)");
    }

    @Test
    void readsStandardInputWithSeveralStatements() {
        CliRun r = CliRun.withStdin("ALTER TABLE orders ADD COLUMN note text;\nDROP TABLE orders;\n", "check", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("<stdin>:1:1: ALTER TABLE orders ADD COLUMN note text")
                .contains("<stdin>:2:1: DROP TABLE orders")
                .contains("2 schema statements in 1 input, 2 with findings; 1 allow; 1 require_approval");
    }

    @Test
    void unknownAndOpaqueStatementsCountAsFindings() {
        CliRun r = CliRun.withStdin("DO $$ BEGIN PERFORM 1; END $$;", "check", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("unknown-statement").contains("decision: require_approval (rule defaults.opaque)");
        r = CliRun.withStdin("ALTER TABLE orders FROBNICATE;", "check", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("decision: require_approval (rule defaults.unknown)");
    }

    @Test
    void failOnDecisionFailsOnlyForHeldOrRejectedStatements() {
        // The only finding is the missing lock timeout, which the default policy allows.
        String add = "ALTER TABLE orders ADD COLUMN note text;";
        assertThat(CliRun.withStdin(add, "check", "-").exit()).isEqualTo(1);
        CliRun allowed = CliRun.withStdin(add, "check", "--fail-on", "decision", "-");
        assertThat(allowed.exit()).as(allowed.toString()).isEqualTo(0);
        CliRun held = CliRun.withStdin("DROP TABLE orders;", "check", "--fail-on", "decision", "-");
        assertThat(held.exit()).as(held.toString()).isEqualTo(1);
    }

    @Test
    void jsonFormatForTools() throws IOException {
        CliRun r = CliRun.withStdin("\nALTER TABLE orders DROP COLUMN legacy;", "check", "--format", "json", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("serverVersion").asText()).isEqualTo("PostgreSQL 15");
        assertThat(root.get("serverVersionAssumed").asBoolean()).isTrue();
        JsonNode st = root.get("statements").get(0);
        assertThat(st.get("file").asText()).isEqualTo("<stdin>");
        assertThat(st.get("line").asInt()).isEqualTo(2);
        assertThat(st.get("column").asInt()).isEqualTo(1);
        assertThat(st.get("findings").findValuesAsText("check")).contains("dropping-column");
        assertThat(st.get("decision").get("name").asText()).isEqualTo("require_approval");
        assertThat(st.get("decision").get("rule").asText()).isEqualTo("destructive-changes-need-approval");
        assertThat(st.get("decision").get("approvals").asInt()).isEqualTo(1);
        assertThat(st.get("plan").isNull()).isTrue();
    }

    @Test
    void customPolicyDecides() throws IOException {
        Path policy = file("strict.yaml", """
                version: 1
                protected:
                  - table: public.orders
                rules:
                  - id: no-truncate
                    match: { operations: [truncate] }
                    action: reject
                    message: "Never truncate: delete in batches instead."
                """);
        CliRun r = CliRun.withStdin("TRUNCATE invoices;\nALTER TABLE orders RENAME COLUMN a TO b;", "check", "--policy",
                policy.toString(), "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("with policy " + policy)
                .contains("decision: reject (rule no-truncate)\n    Never truncate: delete in batches instead.")
                .contains("protected-object: renames column a of orders (protected: public.orders)")
                .contains("decision: reject (rule defaults.protected)");
    }

    @Test
    void badUsageAndUnreadableInputExitTwo() throws IOException {
        assertThat(CliRun.run("check").exit()).isEqualTo(2);
        CliRun missing = CliRun.run("check", dir.resolve("nope.sql").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope.sql: no such file");
        CliRun dialect = CliRun.run("check", "--dialect", "oracle", "-");
        assertThat(dialect.exit()).isEqualTo(2);
        assertThat(dialect.err()).contains("unknown dialect 'oracle'");
        CliRun version = CliRun.run("check", "--server-version", "latest", "-");
        assertThat(version.exit()).isEqualTo(2);
        assertThat(version.err()).contains("--server-version: cannot read a version number from 'latest'");
        Path broken = file("broken.yaml", "version: 1\nrules:\n  - id: x\n    match: { operations: [drop-tabel] }\n    action: reject\n");
        CliRun policy = CliRun.withStdin("DROP TABLE t;", "check", "--policy", broken.toString(), "-");
        assertThat(policy.exit()).isEqualTo(2);
        assertThat(policy.err()).contains(broken + ":4:27: unknown operation kind 'drop-tabel' (did you mean drop-table?)");
        CliRun format = CliRun.run("check", "--format", "xml", "-");
        assertThat(format.exit()).isEqualTo(2);
    }

    @Test
    void mysqlDialectWithAServerVersion() {
        CliRun r = CliRun.withStdin("ALTER TABLE orders ADD COLUMN note VARCHAR(100) NULL, ALGORITHM=INSTANT;\nCALL purge();\n",
                "check", "--dialect", "mysql", "--server-version", "mariadb-10.11", "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains("Judged for MariaDB 10.11.0 with policy")
                .contains("<stdin>:2:1: CALL purge()")
                .contains("decision: require_approval (rule defaults.opaque)");
    }

    @Test
    void severalFilesAndStandardInputInOneRun() throws IOException {
        Path a = file("V1.sql", "CREATE TABLE a (id bigint PRIMARY KEY);\n");
        Path b = file("V2.sql", "SELECT 1;\nTRUNCATE a;\n");
        CliRun r = CliRun.withStdin("ALTER TABLE a ADD COLUMN b int;", "check", a.toString(), b.toString(), "-");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).contains(a + ":1:1: CREATE TABLE a")
                .contains(b + ":2:1: TRUNCATE a")
                .contains("<stdin>:1:1: ALTER TABLE a ADD COLUMN b int")
                .contains("3 schema statements in 3 inputs");
    }
}
