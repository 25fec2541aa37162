package io.schemagate.gateway.mysql;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A MariaDB server of the tests' own, in a temporary data directory on a free port, for what the shared
 * server must not be reconfigured for: TLS (with certificates from {@link TestCerts}), a 128 MiB
 * max_allowed_packet and the ed25519 plugin. Started once per test JVM on first use, shut down and
 * deleted when the JVM exits. Fails (never skips) when mariadbd cannot start.
 */
final class PrivateMariaDb {

    private static PrivateMariaDb instance;

    final Path dir;
    final int port;
    final TestCerts certs;
    private final Process process;

    private PrivateMariaDb(Path dir, int port, TestCerts certs, Process process) {
        this.dir = dir;
        this.port = port;
        this.certs = certs;
        this.process = process;
    }

    static synchronized PrivateMariaDb get() throws Exception {
        if (instance == null) {
            instance = start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop, "private-mariadb-stop"));
        }
        return instance;
    }

    String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** Root over TCP, straight to this server. */
    Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://127.0.0.1:" + port + "/?useSSL=false&allowPublicKeyRetrieval=true",
                "root", "");
    }

    private static PrivateMariaDb start() throws Exception {
        Path dir = Files.createTempDirectory("schemagate-mariadb");
        TestCerts certs = TestCerts.create(dir.resolve("certs"));
        Path data = dir.resolve("data");
        run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--user=" + System.getProperty("user.name"),
                "--auth-root-authentication-method=normal", "--skip-test-db"), dir.resolve("install.log"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process p = new ProcessBuilder(List.of("mariadbd", "--no-defaults", "--datadir=" + data,
                "--user=" + System.getProperty("user.name"), "--port=" + port, "--bind-address=127.0.0.1",
                "--socket=" + dir.resolve("mysqld.sock"), "--pid-file=" + dir.resolve("mysqld.pid"),
                "--ssl-ca=" + certs.caPem(), "--ssl-cert=" + certs.certPem(), "--ssl-key=" + certs.keyPem(),
                "--max-allowed-packet=128M", "--innodb-buffer-pool-size=32M", "--skip-log-bin",
                "--log-error=" + dir.resolve("error.log")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("mariadbd.out").toFile()).start();
        PrivateMariaDb db = new PrivateMariaDb(dir, port, certs, p);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the test's own mariadbd exited with " + p.exitValue()
                        + "; see " + dir.resolve("error.log"));
            }
            try (Connection c = db.admin()) {
                if (c.isValid(5)) {
                    return db;
                }
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        db.stop();
        throw new IllegalStateException("the test's own mariadbd on port " + port + " did not answer within 60 s", last);
    }

    private static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed; see " + log);
        }
    }

    void stop() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not stop or delete the test's own mariadbd in " + dir, e);
        }
    }
}
