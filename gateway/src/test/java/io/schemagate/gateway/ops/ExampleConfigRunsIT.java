package io.schemagate.gateway.ops;

import io.schemagate.config.ConfigLoader;
import io.schemagate.config.GatewayConfig;
import io.schemagate.config.IdentityConfig;
import io.schemagate.gateway.testing.Psql;
import io.schemagate.gateway.testing.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configurations the documentation shows really work: both examples load, their demo tokens are
 * the ones the comments name, and a gateway started from a copy of examples/schemagate.yaml (only
 * ports, upstreams and paths changed) relays both protocols, holds a drop under the example policy
 * and lets the documented demo identity approve it.
 */
class ExampleConfigRunsIT {

    static final Path EXAMPLES = Path.of("..", "examples");

    @TempDir
    Path dir;
    String db;
    OpsGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createPgDatabase("sg_example");
        try (Connection c = TestServers.pgAdmin(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE old_orders (id int PRIMARY KEY)");
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropPgDatabase(db);
    }

    @Test
    void bothExamplesLoadAndTheirDemoTokensMatchTheirComments() {
        for (String name : new String[]{"schemagate.yaml", "compose/schemagate.yaml"}) {
            GatewayConfig c = ConfigLoader.load(EXAMPLES.resolve(name));
            assertThat(c.admin().identities()).extracting(IdentityConfig::name).as(name).contains("alice", "bob");
            for (IdentityConfig i : c.admin().identities()) {
                assertThat(i.tokenSha256()).as(name + ": " + i.name() + "'s token_sha256 is the hash of the demo token "
                        + i.name() + "-token").isEqualTo(OpsConfig.sha256(i.name() + "-token"));
            }
        }
    }

    /** Replaces {@code from} with {@code to}, failing when the example no longer contains it. */
    private static String rewrite(String yaml, String from, String to) {
        assertThat(yaml).as("examples/schemagate.yaml still contains '" + from + "'").contains(from);
        return yaml.replace(from, to);
    }

    @Test
    void aGatewayStartedFromTheExampleConfigWorks() throws Exception {
        String yaml = Files.readString(EXAMPLES.resolve("schemagate.yaml"), StandardCharsets.UTF_8);
        yaml = rewrite(yaml, "listen: 127.0.0.1:6432", "listen: 127.0.0.1:0");
        yaml = rewrite(yaml, "listen: 127.0.0.1:6033", "listen: 127.0.0.1:0");
        yaml = rewrite(yaml, "listen: 127.0.0.1:9600", "listen: 127.0.0.1:0");
        yaml = rewrite(yaml, "upstream: 127.0.0.1:5432", "upstream: " + TestServers.pgHostPort());
        yaml = rewrite(yaml, "upstream: 127.0.0.1:3306", "upstream: " + TestServers.mysqlHostPort());
        yaml = rewrite(yaml, "policy: examples/policy.yaml", "policy: " + EXAMPLES.resolve("policy.yaml").toAbsolutePath());
        yaml = rewrite(yaml, "file: audit/audit.jsonl", "file: " + dir.resolve("audit").resolve("audit.jsonl"));
        yaml = rewrite(yaml, "dir: state", "dir: " + dir.resolve("state"));
        Path config = dir.resolve("schemagate.yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);

        gateway = OpsGateway.start(config);
        Admin.Reply ready = gateway.admin.get("/health/ready", null);
        assertThat(ready.status()).as(ready.body()).isEqualTo(200);

        String conninfo = gateway.psqlConninfo(db, TestServers.pgUser());
        Psql.Result select = Psql.run(conninfo, Map.of(), "SELECT count(*) AS orders FROM old_orders");
        assertThat(select.exitCode()).as(select.stderr()).isZero();
        assertThat(select.stdout()).contains("(1 row)");

        Psql.Result held = Psql.run(conninfo, Map.of(), "DROP TABLE old_orders");
        assertThat(held.exitCode()).isNotZero();
        assertThat(held.stderr()).contains("destructive-changes-need-approval");
        String id = ApprovalFlowIT.changeId(held.stderr());
        Admin.Reply approved = gateway.admin.approve(id, "alice-token", "the demo identity from the example");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        Psql.Result ran = Psql.run(conninfo, Map.of(), "DROP TABLE old_orders");
        assertThat(ran.exitCode()).as(ran.stderr()).isZero();

        String mysqlUrl = "jdbc:mysql://127.0.0.1:" + gateway.mysqlPort() + "/?useSSL=false&allowPublicKeyRetrieval=true";
        try (Connection c = DriverManager.getConnection(mysqlUrl, TestServers.mysqlUser(), TestServers.mysqlPassword());
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT 40 + 2")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
        assertThat(Files.readString(dir.resolve("audit").resolve("audit.jsonl"))).contains("\"gateway\":\"gateway-1\"");
    }
}
