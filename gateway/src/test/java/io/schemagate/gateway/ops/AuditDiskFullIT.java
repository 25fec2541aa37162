package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log's disk fills up under a running gateway (a 256 KiB tmpfs, filled by another file):
 * schema changes are refused with 58030 and a message naming the cause, ordinary queries go on,
 * readiness says why, nothing half-written is left in the log, and freeing space heals it.
 * Mounting needs root, which the integration test machines have; without it the test fails.
 */
class AuditDiskFullIT {

    @TempDir
    Path dir;
    Path mount;
    boolean mounted;
    String db;
    OpsGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        mount = Files.createDirectory(dir.resolve("small-disk"));
        run("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", mount.toString());
        mounted = true;
        db = TestServers.createPgDatabase("sg_full");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id int PRIMARY KEY, note text)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (gateway != null) {
                gateway.close();
            }
        } finally {
            if (mounted) {
                run("umount", mount.toString());
            }
            TestServers.dropPgDatabase(db);
        }
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed (the test needs root to mount a tmpfs): " + out);
        }
    }

    /** Writes zeros into {@code filler} until the file system says it is full. */
    private static void fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream o = Files.newOutputStream(filler)) {
            for (int i = 0; i < 1024; i++) {
                o.write(block);
            }
            throw new AssertionError("a 256 KiB tmpfs took 4 MiB: the mount did not limit its size");
        } catch (IOException e) {
            // ENOSPC: "No space left on device" is the point.
            assertThat(e.getMessage()).contains("No space left");
        }
    }

    @Test
    void aFullAuditDiskRefusesSchemaChangesOnlyAndHealsWhenSpaceIsFreed() throws Exception {
        Path audit = mount.resolve("audit.jsonl");
        Path config = new OpsConfig(dir).auditFile(audit).identity("alice", "alice-token", null, null)
                .write("schemagate.yaml");
        gateway = OpsGateway.start(config);
        try (Connection c = DriverManager.getConnection(gateway.pgJdbc(db), TestServers.pgUser(), null);
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE before_full (id int)");
            assertThat(gateway.admin.get("/health/ready", null).status()).isEqualTo(200);
            String held = ApprovalFlowIT.changeId(catchSql(() -> s.execute("DROP TABLE before_full")).getMessage());

            Path filler = mount.resolve("filler.bin");
            fill(filler);

            // tmpfs allocates whole pages: records that still fit into the log's last page are
            // written; the first one that needs a new page fails. A record is a few hundred bytes,
            // so a page holds well under 50.
            SQLException refused = null;
            for (int i = 0; i < 50 && refused == null; i++) {
                try {
                    s.execute("CREATE TABLE full_" + i + " (id int)");
                } catch (SQLException e) {
                    refused = e;
                }
            }
            assertThat((Throwable) refused).as("a DDL is refused once the disk is full").isNotNull();
            assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("58030");
            assertThat(refused.getMessage()).contains("schema changes are refused because the audit log cannot be written");
            assertThat(((PSQLException) refused).getServerErrorMessage().getDetail()).contains("No space left", audit.toString());
            SQLException again = catchSql(() -> s.execute("ALTER TABLE t ADD COLUMN extra text"));
            assertThat(again.getSQLState()).isEqualTo("58030");

            // Ordinary traffic does not touch the audit log and goes on.
            s.execute("INSERT INTO t VALUES (1, 'still works')");
            try (ResultSet rs = s.executeQuery("SELECT note FROM t WHERE id = 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("still works");
            }
            Admin.Reply ready = gateway.admin.get("/health/ready", null);
            assertThat(ready.status()).isEqualTo(503);
            assertThat(ready.body()).contains("audit log " + audit).contains("cannot be written");

            // An approval is an audited action too: it fails as a whole and the change stays pending.
            Admin.Reply approval = gateway.admin.approve(held, "alice-token", "while the disk is full");
            assertThat(approval.status()).as(approval.body()).isEqualTo(503);
            assertThat(approval.body()).contains("audit log cannot be written");
            assertThat(gateway.admin.get("/api/v1/changes/" + held, "alice-token").body()).contains("\"pending\"");
            assertThat(new Prometheus(gateway.admin.get("/metrics", null).body())
                    .value("schemagate_audit_write_failures_total", java.util.Map.of())).isGreaterThanOrEqualTo(3);

            // Nothing half-written: the log as it stands verifies.
            Cli v = Cli.run("audit", "verify", "--log", audit.toString());
            assertThat(v.exit()).as(v.toString()).isZero();

            Files.delete(filler);
            s.execute("ALTER TABLE t ADD COLUMN extra text");
            assertThat(gateway.admin.get("/health/ready", null).status()).isEqualTo(200);
            assertThat(gateway.admin.approve(held, "alice-token", "space freed").status()).isEqualTo(200);
            s.execute("DROP TABLE before_full");
        }
        gateway.close();
        gateway = null;
        Cli v = Cli.run("audit", "verify", "--log", audit.toString());
        assertThat(v.exit()).as(v.toString()).isZero();
        assertThat(Files.readString(audit)).contains("ALTER TABLE t ADD COLUMN extra text", "gateway_stopped");
    }

    private static SQLException catchSql(SqlAction a) {
        try {
            a.run();
        } catch (SQLException e) {
            return e;
        }
        throw new AssertionError("expected the statement to be refused");
    }

    @FunctionalInterface
    interface SqlAction {
        void run() throws SQLException;
    }
}
