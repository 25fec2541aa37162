package io.schemagate.gateway.ops;

import io.schemagate.config.ConfigLoader;
import io.schemagate.gateway.server.GatewayServer;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/** A gateway started in this JVM from a configuration file, as {@code schemagate serve} would. */
final class OpsGateway implements AutoCloseable {

    final GatewayServer server;
    final Admin admin;

    private OpsGateway(GatewayServer server) {
        this.server = server;
        InetSocketAddress a = server.boundAddresses().get("admin");
        this.admin = new Admin("http://127.0.0.1:" + a.getPort());
    }

    static OpsGateway start(Path config) throws InterruptedException {
        GatewayServer server = new GatewayServer(ConfigLoader.load(config));
        try {
            server.start();
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return new OpsGateway(server);
    }

    int pgPort() {
        return server.boundAddresses().get("postgres").getPort();
    }

    int mysqlPort() {
        return server.boundAddresses().get("mysql").getPort();
    }

    String pgJdbc(String db) {
        return "jdbc:postgresql://127.0.0.1:" + pgPort() + "/" + db + "?sslmode=disable";
    }

    String psqlConninfo(String db, String user) {
        return "host=127.0.0.1 port=" + pgPort() + " user=" + user + " dbname=" + db + " sslmode=disable";
    }

    @Override
    public void close() {
        server.close();
    }
}
