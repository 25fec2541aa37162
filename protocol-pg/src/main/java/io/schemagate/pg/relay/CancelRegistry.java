package io.schemagate.pg.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.schemagate.pg.message.backend.BackendKeyData;
import io.schemagate.pg.message.frontend.CancelRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backend keys of the sessions a listener relays, and where each server is. A CancelRequest
 * arrives on a fresh client connection that has no server of its own (protocol-flow, "Canceling
 * Requests in Progress"), so the gateway finds the server by the key and sends the request there on a
 * fresh connection of its own. Keys it never relayed are dropped, so the gateway cannot be used to
 * probe for keys.
 */
public final class CancelRegistry {

    private static final Logger log = LoggerFactory.getLogger(CancelRegistry.class);

    private final Map<String, InetSocketAddress> servers = new ConcurrentHashMap<>();
    /** Work of the gateway's own that a cancel request for a session stops (a client waiting for its staged plan). */
    private final Map<String, Runnable> gatewayWork = new ConcurrentHashMap<>();
    private final Class<? extends Channel> channelClass;

    public CancelRegistry(Class<? extends Channel> channelClass) {
        this.channelClass = channelClass;
    }

    public void register(BackendKeyData key, InetSocketAddress server) {
        servers.put(key(key.processId(), key.secretKey()), server);
    }

    public void unregister(BackendKeyData key) {
        servers.remove(key(key.processId(), key.secretKey()));
    }

    /**
     * While a session waits on the gateway rather than on its server, a cancel request for it runs
     * {@code stop} (which must hand over to the session's event loop) instead of reaching the server.
     */
    void onCancel(BackendKeyData key, Runnable stop) {
        gatewayWork.put(key(key.processId(), key.secretKey()), stop);
    }

    void clearOnCancel(BackendKeyData key) {
        gatewayWork.remove(key(key.processId(), key.secretKey()));
    }

    public int size() {
        return servers.size();
    }

    /** Sends the request to the server of the session it names; returns false when no relayed session has that key. */
    public boolean forward(CancelRequest request, EventLoop loop, String from) {
        InetSocketAddress server = servers.get(key(request.processId(), request.secretKey()));
        if (server == null) {
            log.warn("[{}] dropped a cancel request for backend pid {}: no session relayed by this gateway has that key",
                    from, request.processId());
            return false;
        }
        Runnable stop = gatewayWork.get(key(request.processId(), request.secretKey()));
        if (stop != null) {
            // The server is idle for this session, so there is nothing to cancel there; sent anyway,
            // the request could arrive after the wait ended and cancel the client's next statement.
            stop.run();
            log.info("[{}] a cancel request for backend pid {} ended its wait for a staged plan", from, request.processId());
            return true;
        }
        new Bootstrap().group(loop).channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInboundHandlerAdapter())
                .connect(server)
                .addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        log.warn("[{}] could not forward a cancel request for backend pid {} to {}: {}",
                                from, request.processId(), Closing.hostPort(server), Closing.reason(f.cause()));
                        return;
                    }
                    // The server reads the request and closes without answering; so do we.
                    f.channel().writeAndFlush(request.encode(f.channel().alloc())).addListener(ChannelFutureListener.CLOSE);
                    log.info("[{}] forwarded a cancel request for backend pid {} to {}", from, request.processId(), Closing.hostPort(server));
                });
        return true;
    }

    private static String key(int pid, byte[] secret) {
        return pid + ":" + HexFormat.of().formatHex(secret);
    }
}
