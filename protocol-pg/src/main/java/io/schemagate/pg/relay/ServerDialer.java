package io.schemagate.pg.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.util.concurrent.Promise;
import io.schemagate.pg.message.frontend.SSLRequest;

import java.net.ConnectException;

/**
 * Opens a client's server connection on the client's own event loop (so the pair never needs locks),
 * with autoRead off, and negotiates TLS to the server when configured.
 */
final class ServerDialer {

    /** Why the server could not be reached, and what the person reading it should do. */
    static final class Unreachable extends RuntimeException {
        private final String hint;

        Unreachable(String message, String hint, Throwable cause) {
            super(message, cause);
            this.hint = hint;
        }

        String hint() {
            return hint;
        }
    }

    private ServerDialer() {
    }

    /**
     * Starts connecting and returns the server channel at once; {@code ready} succeeds when the server
     * can take the client's StartupMessage, or fails with an {@link Unreachable}.
     */
    static Channel dial(Channel client, PgRelaySettings s, ChannelHandler frames, ChannelHandler backend, Promise<Void> ready) {
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(s.channelClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                // Read the server's answers the way the listener reads its clients' messages.
                .option(ChannelOption.RCVBUF_ALLOCATOR, client.config().getRecvByteBufAllocator())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("frames", frames).addLast("backend", backend);
                    }
                });
        ChannelFuture connected = b.connect(s.upstream());
        connected.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                String why = f.cause() instanceof ConnectException ? "connection refused" : Closing.reason(f.cause());
                ready.tryFailure(new Unreachable("the gateway could not connect to the server at "
                        + Closing.hostPort(s.upstream()) + ": " + why,
                        "check that the server is running and that the listener's upstream points to it", f.cause()));
            } else if (s.upstreamTls() == null) {
                ready.trySuccess(null);
            } else {
                negotiateTls(f.channel(), s.upstreamTls(), ready);
            }
        });
        return connected.channel();
    }

    /** SSLRequest, the server's one-byte answer, then the handshake (protocol-flow, "SSL Session Encryption"). */
    private static void negotiateTls(Channel server, TlsUpstream tls, Promise<Void> ready) {
        Promise<Void> handshake = server.eventLoop().newPromise();
        server.pipeline().addFirst("ssl-answer", new UpstreamSslAnswer(tls, handshake));
        handshake.addListener(t -> {
            if (t.isSuccess()) {
                ready.trySuccess(null);
            } else {
                ready.tryFailure(new Unreachable("the gateway could not open TLS to the server: " + Closing.reason(t.cause()),
                        "check upstream_tls in the gateway configuration and the server's ssl settings", t.cause()));
            }
        });
        server.writeAndFlush(SSLRequest.encode(server.alloc()));
        server.read();
    }
}
