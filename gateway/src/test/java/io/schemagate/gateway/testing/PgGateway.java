package io.schemagate.gateway.testing;

import io.netty.channel.EventLoopGroup;
import io.schemagate.config.ListenerConfig;
import io.schemagate.config.TlsConfig;
import io.schemagate.config.UpstreamTlsConfig;
import io.schemagate.gateway.pg.PgListener;
import io.schemagate.gateway.server.Transports;
import io.schemagate.policy.gate.StatementGate;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** A PostgreSQL listener started in the test JVM on a free port, relaying to a real server. */
public final class PgGateway implements AutoCloseable {

    static {
        LeakWatch.install();
    }

    private final EventLoopGroup boss = Transports.newGroup(1);
    private final EventLoopGroup workers = Transports.newGroup(2);
    private final PgListener listener;
    private final InetSocketAddress address;

    private PgGateway(ListenerConfig config, StatementGate gate) throws InterruptedException {
        listener = new PgListener(config, gate);
        address = listener.start(boss, workers);
    }

    public static Builder to(String upstreamHostPort) {
        return new Builder(upstreamHostPort);
    }

    /** A gateway to the main test server with default settings. */
    public static PgGateway toMainServer() throws InterruptedException {
        return to(TestServers.pgHostPort()).start();
    }

    public PgListener listener() {
        return listener;
    }

    public int port() {
        return address.getPort();
    }

    public String hostPort() {
        return "127.0.0.1:" + port();
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostPort() + "/" + database;
    }

    /** A pgjdbc connection through the gateway as the main test user. */
    public Connection connect(String database) throws SQLException {
        return connect(database, new Properties());
    }

    public Connection connect(String database, Properties props) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", TestServers.pgUser());
        p.putAll(props);
        return DriverManager.getConnection(jdbcUrl(database), p);
    }

    @Override
    public void close() {
        listener.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Listener settings for a test. */
    public static final class Builder {
        private final String upstream;
        private int maxMessageBytes = ListenerConfig.DEFAULT_MAX_MESSAGE_BYTES;
        private TlsConfig tls;
        private UpstreamTlsConfig upstreamTls = UpstreamTlsConfig.DISABLED;
        private StatementGate gate = StatementGate.PASS_THROUGH;

        private Builder(String upstream) {
            this.upstream = upstream;
        }

        public Builder maxMessageBytes(int max) {
            this.maxMessageBytes = max;
            return this;
        }

        public Builder clientTls(TestCerts certs) {
            this.tls = new TlsConfig(certs.serverCert().toString(), certs.serverKey().toString(), null);
            return this;
        }

        /** TLS for clients that must present a certificate signed by the test CA. */
        public Builder mutualTls(TestCerts certs) {
            this.tls = new TlsConfig(certs.serverCert().toString(), certs.serverKey().toString(), certs.caCert().toString());
            return this;
        }

        public Builder upstreamTls(UpstreamTlsConfig upstreamTls) {
            this.upstreamTls = upstreamTls;
            return this;
        }

        public Builder gate(StatementGate gate) {
            this.gate = gate;
            return this;
        }

        public PgGateway start() throws InterruptedException {
            return new PgGateway(new ListenerConfig(true, "127.0.0.1:0", upstream, maxMessageBytes, tls, upstreamTls), gate);
        }
    }
}
