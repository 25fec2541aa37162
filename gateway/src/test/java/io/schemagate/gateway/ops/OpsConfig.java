package io.schemagate.gateway.ops;

import io.schemagate.gateway.testing.TestServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a gateway configuration file the way an operator would, with every file the gateway writes
 * inside the test's temporary directory. Listeners default to port 0; tests that start a separate
 * process give real ports.
 */
final class OpsConfig {

    /** Identity name to its database users and groups, written under admin.identities. */
    record Identity(String name, String token, String databaseUsers, String groups) {
    }

    private final Path dir;
    private final Map<String, Identity> identities = new LinkedHashMap<>();
    private String id = "gw-test";
    private String pgListen = "127.0.0.1:0";
    private String pgUpstream = TestServers.pgHostPort();
    private String mysqlListen = null;
    private String adminListen = "127.0.0.1:0";
    private String policy = null;
    private String auditFile;
    private String state;
    private String extra = "";

    OpsConfig(Path dir) {
        this.dir = dir;
        this.auditFile = dir.resolve("audit").resolve("audit.jsonl").toString();
        this.state = "state:\n  dir: " + dir.resolve("state") + "\n";
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    OpsConfig id(String v) {
        id = v;
        return this;
    }

    OpsConfig pgListen(String v) {
        pgListen = v;
        return this;
    }

    OpsConfig pgUpstream(String v) {
        pgUpstream = v;
        return this;
    }

    OpsConfig mysqlListen(String v) {
        mysqlListen = v;
        return this;
    }

    OpsConfig adminListen(String v) {
        adminListen = v;
        return this;
    }

    OpsConfig policy(Path v) {
        policy = v.toString();
        return this;
    }

    OpsConfig auditFile(Path v) {
        auditFile = v.toString();
        return this;
    }

    /** The whole {@code state:} section. */
    OpsConfig state(String yaml) {
        state = yaml;
        return this;
    }

    /** Extra lines inside the executor section, e.g. {@code "  target_batch_time: PT0.02S\n"}. */
    OpsConfig executor(String lines) {
        extra = extra + lines;
        return this;
    }

    OpsConfig identity(String name, String token, String databaseUsers, String groups) {
        identities.put(name, new Identity(name, token, databaseUsers, groups));
        return this;
    }

    Path auditFile() {
        return Path.of(auditFile);
    }

    String yaml() {
        StringBuilder b = new StringBuilder();
        b.append("id: ").append(id).append('\n');
        b.append("postgres:\n  listen: ").append(pgListen).append("\n  upstream: ").append(pgUpstream).append('\n');
        if (mysqlListen == null) {
            b.append("mysql:\n  enabled: false\n");
        } else {
            b.append("mysql:\n  listen: ").append(mysqlListen).append("\n  upstream: ").append(TestServers.mysqlHostPort()).append('\n');
        }
        b.append("admin:\n  listen: ").append(adminListen).append('\n');
        if (!identities.isEmpty()) {
            b.append("  identities:\n");
            for (Identity i : identities.values()) {
                b.append("    - name: ").append(i.name()).append('\n');
                b.append("      token_sha256: ").append(sha256(i.token())).append('\n');
                if (i.databaseUsers() != null) {
                    b.append("      database_users: [").append(i.databaseUsers()).append("]\n");
                }
                if (i.groups() != null) {
                    b.append("      groups: [").append(i.groups()).append("]\n");
                }
            }
        }
        if (policy != null) {
            b.append("policy: ").append(policy).append('\n');
        }
        b.append("audit:\n  file: ").append(auditFile).append('\n');
        b.append(state);
        b.append("executor:\n  postgres: {user: ").append(TestServers.pgUser()).append("}\n  mysql: {user: ")
                .append(TestServers.mysqlUser()).append("}\n");
        b.append(extra);
        return b.toString();
    }

    /** Writes the file and returns its path. */
    Path write(String name) {
        Path p = dir.resolve(name);
        try {
            Files.writeString(p, yaml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + p, e);
        }
        return p;
    }
}
