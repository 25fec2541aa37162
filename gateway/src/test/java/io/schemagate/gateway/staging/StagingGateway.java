package io.schemagate.gateway.staging;

import io.schemagate.config.ConfigLoader;
import io.schemagate.gateway.executor.Migration;
import io.schemagate.gateway.server.GatewayServer;
import io.schemagate.gateway.testing.LeakWatch;
import io.schemagate.gateway.testing.TestServers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole gateway ({@link GatewayServer} with the built-in policy, the executor and the admin API)
 * in the test JVM, configured from a YAML file the way {@code schemagate serve} is, with every
 * listener on a free port and the audit log and state in a temporary directory.
 */
final class StagingGateway implements AutoCloseable {

    static {
        LeakWatch.install();
    }

    /** The bearer token of the admin identity {@code it-admin}. */
    static final String ADMIN_TOKEN = "it-staging-token";

    private final GatewayServer server;
    private final Path dir;

    private StagingGateway(GatewayServer server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /**
     * The configuration file text. Ports are given so a separate process can be started on known
     * ones; {@code 0} asks for a free port.
     */
    static String yaml(Path dir, int pgPort, int mysqlPort, int adminPort, Duration targetBatchTime, Duration lockTimeout) {
        return yaml(dir, pgPort, mysqlPort, adminPort, targetBatchTime, lockTimeout, null);
    }

    /** As above, with a policy file instead of the built-in policy when {@code policy} is not null. */
    static String yaml(Path dir, int pgPort, int mysqlPort, int adminPort, Duration targetBatchTime, Duration lockTimeout,
                       Path policy) {
        return (policy == null ? "" : "policy: " + policy + "\n") + """
                id: it-staging
                postgres:
                  listen: 127.0.0.1:%d
                  upstream: %s
                mysql:
                  listen: 127.0.0.1:%d
                  upstream: %s
                admin:
                  listen: 127.0.0.1:%d
                  identities:
                    - name: it-admin
                      token_sha256: %s
                      groups: [dba]
                audit:
                  file: %s
                state:
                  store: file
                  dir: %s
                executor:
                  postgres: {user: %s}
                  mysql: {user: %s}
                  target_batch_time: %s
                  lock_timeout: %s
                  max_attempts: 10
                """.formatted(pgPort, TestServers.pgHostPort(), mysqlPort, TestServers.mysqlHostPort(), adminPort,
                sha256(ADMIN_TOKEN), dir.resolve("audit.jsonl"), dir.resolve("state"), TestServers.pgUser(),
                TestServers.mysqlUser(), targetBatchTime, lockTimeout);
    }

    static StagingGateway start(Path dir, Duration targetBatchTime, Duration lockTimeout) throws Exception {
        return start(dir, targetBatchTime, lockTimeout, null);
    }

    static StagingGateway start(Path dir, Duration targetBatchTime, Duration lockTimeout, Path policy) throws Exception {
        return start(dir, targetBatchTime, lockTimeout, policy, "");
    }

    /** As above, with {@code executorLines} (e.g. {@code "  progress_interval: PT0.2S\n"}) added to the executor section. */
    static StagingGateway start(Path dir, Duration targetBatchTime, Duration lockTimeout, Path policy, String executorLines)
            throws Exception {
        Path config = dir.resolve("schemagate.yaml");
        // The executor section comes last, so its extra keys go at the end.
        Files.writeString(config, yaml(dir, 0, 0, 0, targetBatchTime, lockTimeout, policy) + executorLines);
        GatewayServer server = new GatewayServer(ConfigLoader.load(config));
        server.start();
        return new StagingGateway(server, dir);
    }

    GatewayServer server() {
        return server;
    }

    int pgPort() {
        return server.boundAddresses().get("postgres").getPort();
    }

    int mysqlPort() {
        return server.boundAddresses().get("mysql").getPort();
    }

    int adminPort() {
        return server.boundAddresses().get("admin").getPort();
    }

    Connection pg(String database) throws SQLException {
        return pg(database, new Properties());
    }

    Connection pg(String database, Properties props) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", TestServers.pgUser());
        p.putAll(props);
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pgPort() + "/" + database, p);
    }

    Connection mysql(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + mysqlPort() + "/" + database
                + "?allowPublicKeyRetrieval=true&useSSL=false", TestServers.mysqlUser(), TestServers.mysqlPassword());
    }

    /** The migrations the executor keeps for one database. */
    List<Migration> migrations(String database) {
        return server.services().migrations().store().list().stream()
                .filter(m -> database.equals(m.database()))
                .toList();
    }

    /**
     * Waits until the database has exactly one migration, in {@code state}: a migration's state
     * follows the client's statement on the gateway's own threads, a moment after the client's answer.
     */
    Migration awaitOnly(String database, Migration.State state) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                assertThat(migrations(database)).singleElement().satisfies(m -> assertThat(m.state()).isEqualTo(state)));
        return migrations(database).get(0);
    }

    /** Waits until every migration of the database has finished, and asserts they all completed. */
    List<Migration> awaitCompleted(String database, int expected, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            List<Migration> all = migrations(database);
            return all.size() >= expected && all.stream().allMatch(m -> m.state().finished() || m.state() == Migration.State.FAILED);
        });
        List<Migration> all = migrations(database);
        assertThat(all).hasSize(expected)
                .allSatisfy(m -> assertThat(m.state()).as("%s: %s", m.id(), m.error()).isEqualTo(Migration.State.COMPLETED));
        return all;
    }

    /** One line per finished step: what it did, how long it took, rows (for backfills) and rows per second. */
    static String outcomes(Migration m) {
        StringBuilder b = new StringBuilder(m.id());
        for (Migration.StepOutcome o : m.outcomes()) {
            long ms = Duration.between(o.startedAt(), o.finishedAt()).toMillis();
            b.append("\n  ").append(o.index()).append(' ').append(o.description()).append(": ").append(ms).append(" ms");
            if (o.rows() > 0) {
                b.append(", ").append(o.rows()).append(" rows, ").append(ms == 0 ? "-" : String.valueOf(o.rows() * 1000 / ms))
                        .append(" rows/s");
            }
        }
        return b.toString();
    }

    /** GET on the admin API as {@code it-admin}; returns the body after asserting 200. */
    String adminGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + adminPort() + path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    Path dir() {
        return dir;
    }

    @Override
    public void close() {
        server.close();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
