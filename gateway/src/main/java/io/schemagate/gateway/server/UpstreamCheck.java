package io.schemagate.gateway.server;

import io.schemagate.config.HostPort;
import io.schemagate.gateway.admin.HealthCheck;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Ready only while the database server accepts TCP connections. */
final class UpstreamCheck implements HealthCheck {

    private static final int TIMEOUT_MILLIS = 1000;

    private final String name;
    private final HostPort address;

    UpstreamCheck(String name, HostPort address) {
        this.name = name;
        this.address = address;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String problem() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.host(), address.port()), TIMEOUT_MILLIS);
            return null;
        } catch (IOException e) {
            return address + " does not accept connections: " + e.getMessage();
        }
    }
}
