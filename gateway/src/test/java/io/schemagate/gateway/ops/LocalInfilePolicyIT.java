package io.schemagate.gateway.ops;

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
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code mysql.local_infile} in the policy file decides whether a MySQL client may send a file with
 * LOAD DATA LOCAL INFILE through the gateway, and a reload changes it for the next statement on a
 * connection that stays open.
 */
class LocalInfilePolicyIT {

    static final String REJECT = PolicyHotReloadIT.BASE + """
            mysql:
              local_infile: reject
            """;

    static final String ALLOW = PolicyHotReloadIT.BASE + """
            mysql:
              local_infile: allow
            """;

    @TempDir
    Path dir;
    String db;
    OpsGateway gateway;

    @BeforeEach
    void setUp() throws Exception {
        db = TestServers.createMysqlDatabase("sg_infile");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
        TestServers.dropMysqlDatabase(db);
    }

    private double reloads() {
        return new Prometheus(gateway.admin.get("/metrics", null).body())
                .value("schemagate_policy_reloads_total", Map.of("outcome", "success"));
    }

    private static int count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM loaded")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void thePolicyRefusesAndThenAllowsLocalFiles() throws Exception {
        Path file = dir.resolve("rows.tsv");
        Files.writeString(file, "1\ta\n2\tb\n3\tc\n", StandardCharsets.UTF_8);
        Path policy = dir.resolve("policy.yaml");
        Files.writeString(policy, REJECT);
        gateway = OpsGateway.start(new OpsConfig(dir).policy(policy).mysqlListen("127.0.0.1:0").write("schemagate.yaml"));
        String jdbc = "jdbc:mysql://127.0.0.1:" + gateway.mysqlPort() + "/" + db
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true&allowLoadLocalInfile=true";
        try (Connection c = DriverManager.getConnection(jdbc, TestServers.mysqlUser(), TestServers.mysqlPassword());
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE loaded (id INT, name VARCHAR(20))");
            String load = "LOAD DATA LOCAL INFILE '" + file + "' INTO TABLE loaded";
            assertThatThrownBy(() -> s.executeUpdate(load))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("LOAD DATA LOCAL INFILE is disabled by the gateway's policy");
            assertThat(count(s)).as("nothing loaded, the connection still works").isZero();

            double before = reloads();
            PolicyHotReloadIT.replace(policy, ALLOW);
            PolicyHotReloadIT.await("the allowing policy is loaded", () -> reloads() > before);
            assertThat(s.executeUpdate(load)).isEqualTo(3);
            assertThat(count(s)).isEqualTo(3);
        }
    }
}
