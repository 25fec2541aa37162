package io.schemagate.gateway.mysql;

import io.netty.channel.EventLoopGroup;
import io.schemagate.config.ListenerConfig;
import io.schemagate.gateway.server.Listener;

import java.net.InetSocketAddress;

/** The MySQL listener: accepts clients and relays each to its own server connection. */
public final class MySqlListener implements Listener {

    private final ListenerConfig config;

    public MySqlListener(ListenerConfig config) {
        this.config = config;
    }

    @Override
    public String name() {
        return "mysql";
    }

    @Override
    public InetSocketAddress start(EventLoopGroup boss, EventLoopGroup workers) {
        throw new UnsupportedOperationException("the MySQL relay is not built yet (listen " + config.listen() + ")");
    }

    @Override
    public void close() {
    }
}
