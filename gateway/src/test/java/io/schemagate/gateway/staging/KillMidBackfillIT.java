package io.schemagate.gateway.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.schemagate.gateway.staging.StagedAddColumnPgIT.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 5: the gateway, a separate {@code schemagate serve} process, is killed with SIGKILL in the
 * middle of a backfill on a million rows; started again on the same state directory it resumes the
 * migration from its saved progress and finishes it: every row filled, the column NOT NULL, the
 * table never rewritten.
 */
class KillMidBackfillIT {

    private static final Logger log = LoggerFactory.getLogger(KillMidBackfillIT.class);
    private static final int ROWS = 1_000_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    String db;
    Process gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_kill");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE orders (id bigint PRIMARY KEY, qty int NOT NULL)");
            s.execute("INSERT INTO orders SELECT g, g % 7 FROM generate_series(1, " + ROWS + ") g");
            s.execute("VACUUM ANALYZE orders");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null && gateway.isAlive()) {
            gateway.destroy();
            gateway.waitFor(20, TimeUnit.SECONDS);
        }
        TestServers.dropPgDatabase(db);
    }

    @Test
    void killedMidBackfillResumesAndFinishesAfterRestart() throws Exception {
        Path jar = Path.of("target", "schemagate.jar");
        assertThat(jar).as("run through 'mvn verify' (package builds the jar before the integration tests)").exists();
        int pgPort = freePort();
        Path config = dir.resolve("schemagate.yaml");
        // Small batches so the backfill of a million rows takes long enough to be interrupted.
        Files.writeString(config, StagingGateway.yaml(dir, pgPort, freePort(), freePort(), Duration.ofMillis(20),
                Duration.ofSeconds(2)));
        long filenode = filenode();

        gateway = serve(jar, config, "first");
        awaitListening(pgPort);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort + "/" + db,
                TestServers.pgUser(), null); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE orders ADD COLUMN c int NOT NULL DEFAULT (random()*100)::int");
        }
        Path migrations = dir.resolve("state").resolve("migrations");
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
                .until(() -> rowsDone(migrations) > 100_000);
        long pid = gateway.pid();
        gateway.destroyForcibly();
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(gateway.exitValue()).as("killed by SIGKILL (128 + 9)").isEqualTo(137);
        JsonNode atKill = migration(migrations);
        long savedRows = atKill.path("backfill").path("rows_done").asLong();
        long nullsAtKill;
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            nullsAtKill = one(s, "SELECT count(*) FROM orders WHERE c IS NULL");
        }
        log.info("gateway pid {} killed with saved progress {} rows ({}), {} rows still NULL", pid, savedRows,
                atKill.path("state").asText(), nullsAtKill);
        assertThat(atKill.path("state").asText()).isEqualTo("running");
        assertThat(nullsAtKill).as("killed mid-backfill").isPositive();

        long restarted = System.nanoTime();
        gateway = serve(jar, config, "second");
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> migration(migrations).path("state").asText().equals("completed"));
        JsonNode done = migration(migrations);
        log.info("resumed and completed in {} ms after the restart; backfill outcome {}",
                (System.nanoTime() - restarted) / 1_000_000, done.path("outcomes"));
        assertThat(done.path("error").isNull() || done.path("error").isMissingNode()).isTrue();

        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            assertThat(one(s, "SELECT count(*) FROM orders")).isEqualTo(ROWS);
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c IS NULL")).isZero();
            assertThat(one(s, "SELECT count(*) FROM orders WHERE c < 0 OR c > 100")).isZero();
            assertThat(one(s, "SELECT attnotnull::int FROM pg_attribute WHERE attrelid = 'orders'::regclass AND attname = 'c'"))
                    .isEqualTo(1);
            assertThat(one(s, "SELECT count(*) FROM pg_attrdef WHERE adrelid = 'orders'::regclass")).isEqualTo(1);
            assertThat(one(s, "SELECT count(*) FROM pg_constraint WHERE conrelid = 'orders'::regclass AND contype = 'c'"))
                    .isZero();
            assertThat(filenode()).isEqualTo(filenode);
        }
    }

    private Process serve(Path jar, Path config, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "serve", "--config", config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("gateway-" + name + ".log").toFile()).start();
    }

    private void awaitListening(int port) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            assertThat(gateway.isAlive()).as("gateway exited: %s", Files.readString(dir.resolve("gateway-first.log"))).isTrue();
            try (Socket s = new Socket("127.0.0.1", port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static JsonNode migration(Path migrations) throws IOException {
        try (Stream<Path> files = Files.list(migrations)) {
            List<Path> json = files.filter(p -> p.getFileName().toString().matches("mig_\\w+\\.json")).toList();
            assertThat(json).hasSize(1);
            return JSON.readTree(json.get(0).toFile());
        }
    }

    private static long rowsDone(Path migrations) {
        try (Stream<Path> files = Files.isDirectory(migrations) ? Files.list(migrations) : Stream.empty()) {
            if (files.noneMatch(p -> p.getFileName().toString().matches("mig_\\w+\\.json"))) {
                return 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + migrations, e);
        }
        try {
            return migration(migrations).path("backfill").path("rows_done").asLong();
        } catch (IOException e) {
            // A file being replaced at this moment: read it again on the next poll.
            throw new UncheckedIOException("cannot read the migration state yet", e);
        }
    }

    private long filenode() throws Exception {
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            return one(s, "SELECT pg_relation_filenode('orders')");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
