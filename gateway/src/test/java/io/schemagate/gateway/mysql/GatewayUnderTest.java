package io.schemagate.gateway.mysql;

import io.netty.channel.EventLoopGroup;
import io.schemagate.config.ListenerConfig;
import io.schemagate.config.TlsConfig;
import io.schemagate.config.UpstreamTlsConfig;
import io.schemagate.gateway.server.Transports;
import io.schemagate.policy.gate.StatementGate;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** A MySQL listener on a free port in front of a given server, with its own event loops. */
final class GatewayUnderTest implements AutoCloseable {

    private final EventLoopGroup boss = Transports.newGroup(1);
    private final EventLoopGroup workers = Transports.newGroup(2);
    private final MySqlListener listener;
    final InetSocketAddress address;

    private GatewayUnderTest(ListenerConfig config, StatementGate gate, boolean allowLocalInfile) throws InterruptedException {
        listener = new MySqlListener(config, gate, allowLocalInfile);
        address = listener.start(boss, workers);
    }

    static Builder to(String upstream) {
        return new Builder(upstream);
    }

    int port() {
        return address.getPort();
    }

    /** A Connector/J URL through the gateway; {@code params} are appended as given. */
    String jdbcUrl(String database, String params) {
        return "jdbc:mysql://127.0.0.1:" + port() + "/" + (database == null ? "" : database) + "?" + params;
    }

    @Override
    public void close() {
        listener.close();
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    static final class Builder {
        private final String upstream;
        private int maxMessageBytes = ListenerConfig.DEFAULT_MAX_MESSAGE_BYTES;
        private TlsConfig tls;
        private UpstreamTlsConfig upstreamTls = UpstreamTlsConfig.DISABLED;
        private StatementGate gate = StatementGate.PASS_THROUGH;
        private boolean allowLocalInfile = true;

        private Builder(String upstream) {
            this.upstream = upstream;
        }

        Builder maxMessageBytes(int n) {
            maxMessageBytes = n;
            return this;
        }

        Builder tls(TestCerts certs) {
            tls = new TlsConfig(certs.certPem().toString(), certs.keyPem().toString(), null);
            return this;
        }

        Builder upstreamTls(UpstreamTlsConfig t) {
            upstreamTls = t;
            return this;
        }

        Builder gate(StatementGate g) {
            gate = g;
            return this;
        }

        Builder localInfile(boolean allowed) {
            allowLocalInfile = allowed;
            return this;
        }

        GatewayUnderTest start() throws InterruptedException {
            return new GatewayUnderTest(new ListenerConfig(true, "127.0.0.1:0", upstream, maxMessageBytes, tls, upstreamTls),
                    gate, allowLocalInfile);
        }
    }
}
