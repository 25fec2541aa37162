package io.schemagate.gateway.pg;

import io.netty.channel.EventLoopGroup;
import io.schemagate.config.ListenerConfig;
import io.schemagate.gateway.server.Listener;

import java.net.InetSocketAddress;

/** The PostgreSQL listener: accepts clients and relays each to its own server connection. */
public final class PgListener implements Listener {

    private final ListenerConfig config;

    public PgListener(ListenerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public InetSocketAddress start(EventLoopGroup boss, EventLoopGroup workers) {
        throw new UnsupportedOperationException("the PostgreSQL relay is not built yet (listen " + config.listen() + ")");
    }

    @Override
    public void close() {
    }
}
