package io.schemagate.config;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The example configuration in the repository loads, so the documentation cannot rot. */
class ExampleConfigTest {

    private static Path example(String name) {
        Path p = Path.of("..", "examples", name);
        assertThat(Files.isRegularFile(p)).as("examples/" + name + " exists").isTrue();
        return p;
    }

    @Test
    void theExampleConfigurationLoads() {
        GatewayConfig c = ConfigLoader.load(example("schemagate.yaml"));
        assertThat(c.postgres().listenAddress()).isEqualTo(new HostPort("127.0.0.1", 6432));
        assertThat(c.mysql().upstreamAddress()).isEqualTo(new HostPort("127.0.0.1", 3306));
        assertThat(c.admin().identities()).extracting(IdentityConfig::name).containsExactly("alice", "bob");
        assertThat(c.policy()).isEqualTo("examples/policy.yaml");
    }

    @Test
    void theComposeConfigurationLoads() {
        GatewayConfig c = ConfigLoader.load(example("compose/schemagate.yaml"));
        assertThat(c.postgres().listenAddress().host()).isEqualTo("0.0.0.0");
    }

    @Test
    void anUnknownKeyNamesItsPlace() {
        assertThatThrownBy(() -> YamlFiles.parse("bad.yaml", "postgres:\n  listen: 127.0.0.1:6432\n  upstrem: x\n", GatewayConfig.class))
                .hasMessageStartingWith("bad.yaml:3:")
                .hasMessageContaining("unknown key 'upstrem'");
    }
}
