package io.schemagate.gateway.server;

import io.netty.channel.EventLoopGroup;

import java.net.InetSocketAddress;

/** A protocol listener started by {@link GatewayServer}. */
public interface Listener extends AutoCloseable {

    /** A short name for logs: {@code postgres}, {@code mysql}, {@code admin}. */
    String name();

    /** Binds and starts accepting; returns the bound address (the port is real even when 0 was asked). */
    InetSocketAddress start(EventLoopGroup boss, EventLoopGroup workers) throws InterruptedException;

    /**
     * Stops accepting new connections; those open stay open (the first step of a graceful stop).
     * The default closes everything at once.
     */
    default void stopAccepting() {
        close();
    }

    /** Client connections open now (0 for listeners that do not hold any between requests). */
    default int openConnections() {
        return 0;
    }

    /** Stops accepting and closes open connections. */
    @Override
    void close();
}
