package io.schemagate.gateway.cli;

import io.schemagate.config.ConfigException;
import io.schemagate.config.ConfigLoader;
import io.schemagate.config.GatewayConfig;
import io.schemagate.gateway.server.GatewayServer;
import io.schemagate.gateway.server.Signals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code schemagate serve}: runs the listeners until the process is stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the gateway: PostgreSQL and MySQL listeners and the admin API.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--config", paramLabel = "FILE", description = "Configuration file (YAML). Defaults apply without it.")
    Path config;

    @Override
    public Integer call() throws Exception {
        GatewayConfig cfg;
        try {
            cfg = ConfigLoader.load(config);
        } catch (ConfigException e) {
            System.err.println("schemagate: " + e.getMessage());
            return 2;
        }
        GatewayServer server = new GatewayServer(cfg);
        try {
            server.start();
        } catch (ConfigException e) {
            // A configuration or policy file the operator can fix: the message says where, no stack trace.
            System.err.println("schemagate: cannot start: " + e.getMessage()
                    + (cfg.policy() == null ? "" : "\ncheck the policy with: schemagate policy validate " + cfg.policy()));
            server.close();
            return 2;
        } catch (Exception e) {
            log.error("start-up failed: {}", e.getMessage(), e);
            server.close();
            return 1;
        }
        // SIGTERM / SIGINT stop the server and let main return 0; the hook covers any other JVM exit.
        Signals.onTerminate(server::close);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "schemagate-shutdown"));
        server.awaitClose();
        return 0;
    }
}
