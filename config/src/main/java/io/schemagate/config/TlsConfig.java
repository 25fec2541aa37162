package io.schemagate.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A certificate the gateway presents to clients.
 *
 * @param certFile PEM certificate chain
 * @param keyFile  PEM private key (PKCS#8)
 * @param clientCaFile PEM CA bundle; when set, clients must present a certificate signed by it (mutual TLS)
 */
public record TlsConfig(
        @JsonProperty("cert_file") String certFile,
        @JsonProperty("key_file") String keyFile,
        @JsonProperty("client_ca_file") String clientCaFile) {
}
