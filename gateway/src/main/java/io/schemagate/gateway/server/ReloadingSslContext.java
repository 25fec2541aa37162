package io.schemagate.gateway.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolNegotiator;
import io.netty.handler.ssl.SslContext;
import io.schemagate.config.FileWatcher;
import io.schemagate.config.TlsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSessionContext;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A server TLS context that follows its certificate files: when the certificate, key or client CA
 * file changes (a renewal), the context is built again and new connections use it; connections
 * already open keep theirs. A new set of files that does not load (a key written before its
 * certificate, a typo) is refused with an error in the log and the previous context stays.
 */
public final class ReloadingSslContext extends SslContext implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReloadingSslContext.class);

    private final String what;
    private final Supplier<SslContext> build;
    private final AtomicReference<SslContext> current;
    private final List<FileWatcher> watchers = new ArrayList<>();

    private ReloadingSslContext(String what, Supplier<SslContext> build) {
        this.what = what;
        this.build = build;
        this.current = new AtomicReference<>(build.get());
    }

    /**
     * A context for {@code tls} that reloads itself, or null when {@code tls} is null (no TLS).
     *
     * @param what  the listener's name, for logs
     * @param build builds a context from the files as they are now; throws when they do not load
     */
    public static ReloadingSslContext of(String what, TlsConfig tls, Supplier<SslContext> build) {
        if (tls == null) {
            return null;
        }
        ReloadingSslContext ctx = new ReloadingSslContext(what, build);
        for (String file : new String[] {tls.certFile(), tls.keyFile(), tls.clientCaFile()}) {
            if (file == null) {
                continue;
            }
            try {
                ctx.watchers.add(new FileWatcher(Path.of(file), ctx::reload));
            } catch (IOException e) {
                log.warn("{} TLS: cannot watch {} for renewals ({}); restart to pick up a new certificate", what, file, e.getMessage());
            }
        }
        return ctx;
    }

    /** Builds the context again from the files; true when the new one is in use. */
    public boolean reload() {
        try {
            current.set(build.get());
            log.info("{} TLS: certificate files reloaded; new connections use them", what);
            return true;
        } catch (RuntimeException e) {
            log.error("{} TLS: the changed certificate files do not load ({}); the previous certificate stays in use",
                    what, e.getMessage());
            return false;
        }
    }

    /** The context new connections get now. */
    SslContext current() {
        return current.get();
    }

    @Override
    public boolean isClient() {
        return current.get().isClient();
    }

    @Override
    public List<String> cipherSuites() {
        return current.get().cipherSuites();
    }

    @Override
    @SuppressWarnings("deprecation")
    public ApplicationProtocolNegotiator applicationProtocolNegotiator() {
        return current.get().applicationProtocolNegotiator();
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc) {
        return current.get().newEngine(alloc);
    }

    @Override
    public SSLEngine newEngine(ByteBufAllocator alloc, String peerHost, int peerPort) {
        return current.get().newEngine(alloc, peerHost, peerPort);
    }

    @Override
    public SSLSessionContext sessionContext() {
        return current.get().sessionContext();
    }

    @Override
    public void close() {
        watchers.forEach(FileWatcher::close);
    }
}
