package io.schemagate.gateway.server;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.schemagate.config.TlsConfig;
import io.schemagate.gateway.testing.TestCerts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReloadingSslContextTest {

    @TempDir
    Path dir;

    private static SslContext build(Path cert, Path key) {
        try {
            return SslContextBuilder.forServer(new File(cert.toString()), new File(key.toString())).build();
        } catch (SSLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Test
    void aRenewedCertificateIsPickedUpAndABrokenOneIsRefused() throws Exception {
        TestCerts first = TestCerts.create(dir.resolve("first"));
        TestCerts renewed = TestCerts.create(dir.resolve("renewed"));
        Path live = Files.createDirectories(dir.resolve("live"));
        Path cert = live.resolve("server.crt");
        Path key = live.resolve("server.key");
        Files.copy(first.serverCert(), cert);
        Files.copy(first.serverKey(), key);

        try (ReloadingSslContext ctx = ReloadingSslContext.of("test", new TlsConfig(cert.toString(), key.toString(), null),
                () -> build(cert, key))) {
            SslContext before = ctx.current();
            assertThat(ctx.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT)).isNotNull();

            // A deploy tool writes the new pair next to the old and renames it over.
            Files.copy(renewed.serverKey(), live.resolve("key.new"));
            Files.copy(renewed.serverCert(), live.resolve("crt.new"));
            Files.move(live.resolve("key.new"), key, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Files.move(live.resolve("crt.new"), cert, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            await().atMost(Duration.ofSeconds(20)).until(() -> ctx.current() != before);

            Files.writeString(cert, "not a certificate");
            assertThat(ctx.reload()).isFalse();
            // The watcher may still be applying the renewal it saw (the key and the certificate moved
            // one after the other), so the context may be a newer one from the renewed files; what
            // must hold is that the broken file replaced nothing and the renewed pair stays in use.
            assertThat(ctx.current()).as("the previous certificate stays in use").isNotNull().isNotSameAs(before);
            assertThat(ctx.newEngine(io.netty.buffer.ByteBufAllocator.DEFAULT)).isNotNull();
        }
    }
}
