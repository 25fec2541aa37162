package io.schemagate.config;

/** A {@code host:port} pair from the configuration ({@code [::1]:6432} for IPv6). */
public record HostPort(String host, int port) {

    public static HostPort parse(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(what + " is empty: expected host:port, e.g. 127.0.0.1:6432");
        }
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new ConfigException(what + " '" + text + "' is not host:port, e.g. 127.0.0.1:6432");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new ConfigException(what + " '" + text + "' has a port that is not a number", e);
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(what + " '" + text + "' has port " + port + ", outside 0..65535");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
