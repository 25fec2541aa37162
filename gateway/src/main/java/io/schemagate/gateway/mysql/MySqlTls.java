package io.schemagate.gateway.mysql;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.schemagate.config.ConfigException;
import io.schemagate.config.HostPort;
import io.schemagate.config.ListenerConfig;
import io.schemagate.config.TlsConfig;
import io.schemagate.config.UpstreamTlsConfig;

import javax.net.ssl.SSLException;
import java.io.File;

/**
 * The TLS contexts of the MySQL listener: the certificate shown to clients that send an SSLRequest,
 * and the client context for the server leg ({@code require}: encrypt, trust any certificate;
 * {@code verify-full}: check the chain and the host name).
 */
record MySqlTls(SslContext client, SslContext upstream, String upstreamHost) {

    static MySqlTls of(ListenerConfig config, HostPort upstream) {
        return new MySqlTls(clientContext(config.tls()), upstreamContext(config.upstreamTls()),
                config.upstreamTls().serverName() != null ? config.upstreamTls().serverName() : upstream.host());
    }

    static SslContext clientContext(TlsConfig tls) {
        if (tls == null) {
            return null;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile()));
            if (tls.clientCaFile() != null) {
                b.trustManager(new File(tls.clientCaFile())).clientAuth(io.netty.handler.ssl.ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("mysql listener tls: cannot load cert_file " + tls.certFile() + " / key_file "
                    + tls.keyFile() + " (" + e.getMessage() + "); they must be PEM, the key in PKCS#8", e);
        }
    }

    private static SslContext upstreamContext(UpstreamTlsConfig tls) {
        if (tls == null || tls.mode() == UpstreamTlsConfig.Mode.DISABLE) {
            return null;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (tls.mode() == UpstreamTlsConfig.Mode.REQUIRE) {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (tls.caFile() != null) {
                    b.trustManager(new File(tls.caFile()));
                }
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("mysql listener upstream_tls: cannot build the TLS context ("
                    + e.getMessage() + "); check ca_file is a PEM CA bundle", e);
        }
    }
}
