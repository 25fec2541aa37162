package io.schemagate.pg.relay;

import java.net.InetSocketAddress;

/** The PostgreSQL server the relay tests talk to: SCHEMAGATE_TEST_PG (host:port) and _USER, local defaults. */
final class PgTestServer {

    private PgTestServer() {
    }

    static InetSocketAddress address() {
        String hostPort = env("SCHEMAGATE_TEST_PG", "127.0.0.1:5432");
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    static String user() {
        return env("SCHEMAGATE_TEST_PG_USER", "postgres");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
