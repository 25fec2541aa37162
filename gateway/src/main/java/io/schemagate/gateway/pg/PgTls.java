package io.schemagate.gateway.pg;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.schemagate.config.ConfigException;
import io.schemagate.config.HostPort;
import io.schemagate.config.TlsConfig;
import io.schemagate.config.UpstreamTlsConfig;
import io.schemagate.pg.relay.TlsUpstream;

import javax.net.ssl.SSLException;
import java.io.File;

/** Builds the TLS contexts of the PostgreSQL listener from its configuration. */
final class PgTls {

    private PgTls() {
    }

    /** The context presented to clients that send SSLRequest, or null when no certificate is configured. */
    static SslContext server(TlsConfig tls) {
        if (tls == null) {
            return null;
        }
        if (tls.certFile() == null || tls.keyFile() == null) {
            throw new ConfigException("postgres.tls needs both cert_file and key_file (PEM certificate chain and PKCS#8 key)");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(new File(tls.certFile()), new File(tls.keyFile()));
            if (tls.clientCaFile() != null) {
                b.trustManager(new File(tls.clientCaFile())).clientAuth(ClientAuth.REQUIRE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("postgres.tls: cannot load certificate " + tls.certFile() + " and key "
                    + tls.keyFile() + ": " + e.getMessage() + "; both must be PEM, the key PKCS#8", e);
        }
    }

    /** TLS towards the server, or null for mode disable. */
    static TlsUpstream upstream(UpstreamTlsConfig tls, HostPort upstream) {
        if (tls == null || tls.mode() == UpstreamTlsConfig.Mode.DISABLE) {
            return null;
        }
        String name = tls.serverName() == null ? upstream.host() : tls.serverName();
        try {
            SslContextBuilder b = SslContextBuilder.forClient();
            if (tls.mode() == UpstreamTlsConfig.Mode.REQUIRE) {
                // libpq's sslmode=require: encrypt, but check neither the chain nor the name.
                b.trustManager(InsecureTrustManagerFactory.INSTANCE).endpointIdentificationAlgorithm(null);
            } else {
                if (tls.caFile() != null) {
                    b.trustManager(new File(tls.caFile()));
                }
                // verify-full: the chain and the host name (RFC 6125 rules, as for HTTPS).
                b.endpointIdentificationAlgorithm("HTTPS");
            }
            return new TlsUpstream(b.build(), name, upstream.port());
        } catch (SSLException | IllegalArgumentException e) {
            throw new ConfigException("postgres.upstream_tls: cannot load CA file " + tls.caFile() + ": "
                    + e.getMessage() + "; it must be a PEM bundle", e);
        }
    }
}
