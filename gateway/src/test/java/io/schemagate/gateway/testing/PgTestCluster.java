package io.schemagate.gateway.testing;

import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL 15 cluster of the tests' own (Debian {@code pg_createcluster}), on a free port, with TLS
 * on and password users the main server does not have: {@value #MD5_USER} (md5), {@value #SCRAM_USER}
 * (scram-sha-256), {@value #CLEAR_USER} (cleartext password) and {@value #TLS_ONLY_USER} (scram, and
 * only over TLS). One cluster serves every test in the JVM and is dropped when the JVM exits; the main
 * server's configuration is never touched. Fails, never skips, when the cluster cannot be made.
 */
public final class PgTestCluster {

    public static final String MD5_USER = "sg_md5";
    public static final String SCRAM_USER = "sg_scram";
    public static final String CLEAR_USER = "sg_clear";
    public static final String TLS_ONLY_USER = "sg_tlsonly";
    public static final String PASSWORD = "s3cret-pw";

    private static final String VERSION = System.getProperty("schemagate.test.pgVersion", "15");
    private static PgTestCluster shared;

    private final String name;
    private final int port;
    private final TestCerts certs;

    private PgTestCluster(String name, int port, TestCerts certs) {
        this.name = name;
        this.port = port;
        this.certs = certs;
    }

    /** The cluster, created and started on first use. */
    public static synchronized PgTestCluster shared() {
        if (shared == null) {
            shared = create();
            PgTestCluster c = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(c::drop, "drop-" + c.name));
        }
        return shared;
    }

    public int port() {
        return port;
    }

    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The CA that signed the cluster's server certificate (also usable for the gateway's own TLS). */
    public TestCerts certs() {
        return certs;
    }

    /** A superuser connection straight to the cluster (trust for postgres over TCP). */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + hostPort() + "/postgres", "postgres", null);
    }

    private static PgTestCluster create() {
        String name = "sgrelay" + Integer.toString(ThreadLocalRandom.current().nextInt(1 << 30), 36);
        int port = freePort();
        Path conf = Path.of("/etc/postgresql", VERSION, name);
        run("pg_createcluster", VERSION, name, "-p", String.valueOf(port), "--start-conf=manual");
        try {
            TestCerts certs = TestCerts.create(conf.resolve("tls"));
            UserPrincipal postgres = conf.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            for (Path p : List.of(certs.dir(), certs.caCert(), certs.serverCert(), certs.serverKey())) {
                Files.setOwner(p, postgres);
            }
            Files.setPosixFilePermissions(certs.serverKey(), PosixFilePermissions.fromString("rw-------"));
            Files.writeString(conf.resolve("conf.d").resolve("schemagate-test.conf"), String.join("\n",
                    "listen_addresses = '127.0.0.1'",
                    "ssl = on",
                    "ssl_cert_file = '" + certs.serverCert() + "'",
                    "ssl_key_file = '" + certs.serverKey() + "'",
                    "shared_buffers = 16MB",
                    "max_connections = 50",
                    ""), StandardCharsets.UTF_8);
            Files.writeString(conf.resolve("pg_hba.conf"), String.join("\n",
                    "local all postgres peer",
                    "hostssl all " + TLS_ONLY_USER + " 127.0.0.1/32 scram-sha-256",
                    "host all " + TLS_ONLY_USER + " 127.0.0.1/32 reject",
                    "host all " + MD5_USER + " 127.0.0.1/32 md5",
                    "host all " + SCRAM_USER + " 127.0.0.1/32 scram-sha-256",
                    "host all " + CLEAR_USER + " 127.0.0.1/32 password",
                    "host all postgres 127.0.0.1/32 trust",
                    ""), StandardCharsets.UTF_8);
            run("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, name, "start");
            PgTestCluster c = new PgTestCluster(name, port, certs);
            c.createUsers();
            return c;
        } catch (IOException e) {
            dropQuietly(name);
            throw new UncheckedIOException("cannot configure the test cluster " + name + " in " + conf, e);
        } catch (SQLException | RuntimeException e) {
            dropQuietly(name);
            throw new IllegalStateException("cannot set up the test cluster " + name + ": " + e.getMessage(), e);
        }
    }

    private void createUsers() throws SQLException {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            // The stored verifier decides what md5 auth can check: md5 needs an md5 hash.
            s.execute("SET password_encryption = 'md5'");
            s.execute("CREATE USER " + MD5_USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("SET password_encryption = 'scram-sha-256'");
            s.execute("CREATE USER " + SCRAM_USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE USER " + CLEAR_USER + " PASSWORD '" + PASSWORD + "'");
            s.execute("CREATE USER " + TLS_ONLY_USER + " PASSWORD '" + PASSWORD + "'");
        }
    }

    void drop() {
        dropQuietly(name);
    }

    private static void dropQuietly(String name) {
        try {
            run("pg_dropcluster", "--stop", VERSION, name);
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(PgTestCluster.class).warn("could not drop the test cluster {}: {}; drop it with:"
                    + " pg_dropcluster --stop {} {}", name, e.getMessage(), VERSION, name);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for the test cluster", e);
        }
    }

    private static void run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command[0] + " (is postgresql-common installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command[0], e);
        }
    }
}
