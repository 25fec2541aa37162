package io.schemagate.mysql.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.schemagate.mysql.frame.PacketFrameDecoder;
import io.schemagate.mysql.frame.PacketTooLargeException;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.ErrPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One client connection and its server connection, in the HexDumpProxy pattern: the server channel is
 * opened on the client's event loop (so no field here needs to be volatile), both channels have
 * autoRead off, and a side is read again only once what its last read produced has been written.
 * The connection goes through the handshake ({@link HandshakeRelay}), authentication
 * ({@link AuthRelay}) and the command phase ({@link CommandRelay}); every end has a logged reason.
 */
public final class RelaySession {

    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);
    private static final AtomicLong IDS = new AtomicLong();

    enum Phase { CONNECTING, HANDSHAKE, AUTH, COMMAND, CLOSED }

    final MySqlRelayConfig config;
    final Channel client;
    final String label;
    Channel server;
    Phase phase = Phase.CONNECTING;

    final HandshakeRelay handshake;
    AuthRelay auth;
    CommandRelay command;

    private PacketFrameDecoder clientDecoder;
    private PacketFrameDecoder serverDecoder;
    private ChannelFuture pendingFromClient;
    private ChannelFuture pendingFromServer;
    /** Client reads stop while a statement is being judged. */
    boolean clientPaused;
    private boolean drainClient;
    private static final int DRAIN_SECONDS = 2;

    RelaySession(MySqlRelayConfig config, Channel client) {
        this.config = config;
        this.client = client;
        this.label = "mysql#" + IDS.incrementAndGet() + " " + client.remoteAddress();
        this.handshake = new HandshakeRelay(this);
    }

    void connect() {
        clientDecoder = new PacketFrameDecoder(Math.min(config.maxMessageBytes(), Packets.MAX_PAYLOAD));
        client.pipeline().addBefore(client.pipeline().context(FrontendHandler.class).name(), "mysql-frames", clientDecoder);
        serverDecoder = new PacketFrameDecoder(Packets.MAX_PAYLOAD);
        RelaySession self = this;
        Bootstrap b = new Bootstrap()
                .group(client.eventLoop())
                .channel(config.channelClass())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("mysql-frames", serverDecoder).addLast(new BackendHandler(self));
                    }
                });
        ChannelFuture f = b.connect(config.upstreamHost(), config.upstreamPort());
        server = f.channel();
        f.addListener((ChannelFutureListener) cf -> {
            if (cf.isSuccess()) {
                phase = Phase.HANDSHAKE;
                server.read();
            } else {
                // An ERR packet in place of the greeting is how a server refuses a connection early.
                fail(0, ErrPacket.ER_UNKNOWN_ERROR, "08S01", "cannot reach the MySQL server at " + config.upstream()
                        + " (" + cf.cause().getMessage() + "); check that it runs and the gateway's upstream setting");
            }
        });
    }

    // ---- events from the two handlers

    void onClientFrame(ByteBuf frame) {
        try {
            switch (phase) {
                case HANDSHAKE -> handshake.onClientFrame(frame);
                case AUTH -> auth.onClientFrame(frame);
                case COMMAND -> command.onClientFrame(frame);
                default -> frame.release();
            }
        } catch (ProtocolViolation e) {
            fail(nextClientErrSeq(), e.errorCode(), "08S01", e.getMessage());
        }
    }

    void onServerFrame(ByteBuf frame) {
        try {
            switch (phase) {
                case HANDSHAKE -> handshake.onServerFrame(frame);
                case AUTH -> auth.onServerFrame(frame);
                case COMMAND -> command.onServerFrame(frame);
                default -> frame.release();
            }
        } catch (ProtocolViolation e) {
            failFromServer(e.getMessage());
        }
    }

    void clientReadComplete() {
        if (phase.compareTo(Phase.AUTH) < 0 || phase == Phase.CLOSED) {
            return;
        }
        server.flush();
        client.flush();
        ChannelFuture f = pendingFromClient;
        pendingFromClient = null;
        readAfter(f, client, true);
    }

    void serverReadComplete() {
        if (phase.compareTo(Phase.AUTH) < 0 || phase == Phase.CLOSED) {
            return;
        }
        client.flush();
        server.flush();
        ChannelFuture f = pendingFromServer;
        pendingFromServer = null;
        readAfter(f, server, false);
    }

    /** Asks the channel for its next read once {@code written} succeeded: one read in flight per side. */
    private void readAfter(ChannelFuture written, Channel ch, boolean isClient) {
        if (written == null) {
            if (!(isClient && clientPaused)) {
                ch.read();
            }
            return;
        }
        written.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                close((f.channel() == client ? "writing to the client" : "writing to the server") + " failed: "
                        + f.cause().getMessage());
            } else if (phase != Phase.CLOSED && !(isClient && clientPaused)) {
                ch.read();
            }
        });
    }

    /** Starts the read loop of both sides when the relay phases begin. */
    void startRelaying() {
        client.read();
        server.read();
    }

    /** Resumes reading the client after a pause (a judged statement). */
    void resumeClient() {
        clientPaused = false;
        if (phase != Phase.CLOSED) {
            client.read();
        }
    }

    void toServer(ByteBuf frame, boolean causedByClient) {
        ChannelFuture f = server.write(frame);
        if (causedByClient) {
            pendingFromClient = f;
        } else {
            pendingFromServer = f;
        }
    }

    void toClient(ByteBuf frame, boolean causedByClient) {
        ChannelFuture f = client.write(frame);
        if (causedByClient) {
            pendingFromClient = f;
        } else {
            pendingFromServer = f;
        }
    }

    void clientTlsDone(SslHandshakeCompletionEvent e) {
        if (e.isSuccess()) {
            handshake.clientTlsDone();
        } else {
            close("TLS handshake with the client failed: " + e.cause().getMessage());
        }
    }

    void serverTlsDone(SslHandshakeCompletionEvent e) {
        if (e.isSuccess()) {
            handshake.serverTlsDone();
        } else {
            fail(handshake.nextClientSeq(), ErrPacket.ER_HANDSHAKE_ERROR, "08S01", "TLS handshake with the MySQL server at "
                    + config.upstream() + " failed: " + e.cause().getMessage()
                    + "; check upstream_tls (mode, ca_file, server_name)");
        }
    }

    // ---- ends

    void clientClosed() {
        if (phase == Phase.CLOSED) {
            return;
        }
        String cut = clientDecoder == null ? null : clientDecoder.truncation();
        if (cut != null) {
            close("client vanished in the middle of a packet (" + cut + " received)");
        } else if (command != null && command.quitSeen()) {
            closeQuietly("client sent COM_QUIT");
        } else {
            close("client closed the connection");
        }
    }

    void serverClosed() {
        if (phase == Phase.CLOSED) {
            return;
        }
        String cut = serverDecoder == null ? null : serverDecoder.truncation();
        String why = "server closed the connection" + (cut == null ? "" : " in the middle of a packet (" + cut + " received)");
        if (command != null && command.quitSeen()) {
            closeQuietly("client sent COM_QUIT");
        } else if (phase == Phase.COMMAND && !command.responseComplete()) {
            // The client waits for a response, so an ERR packet can still end it cleanly.
            fail(command.nextServerSeq(), ErrPacket.CR_SERVER_LOST, "08S01", "Lost connection to the MySQL server at "
                    + config.upstream() + " during a query: " + why);
        } else if (phase == Phase.HANDSHAKE || phase == Phase.AUTH) {
            fail(handshake.nextClientSeq(), ErrPacket.CR_SERVER_LOST, "08S01", "the MySQL server at " + config.upstream()
                    + " closed the connection during the handshake: " + why);
        } else {
            close(why);
        }
    }

    void clientFailed(Throwable cause) {
        if (cause instanceof PacketTooLargeException tooLarge) {
            fail(nextClientErrSeq(), ErrPacket.ER_NET_PACKET_TOO_LARGE, "08S01", "client packet "
                    + tooLarge.getMessage());
        } else {
            close("client connection failed: " + describe(cause));
        }
    }

    void serverFailed(Throwable cause) {
        failFromServer("server connection failed: " + describe(cause));
    }

    private void failFromServer(String reason) {
        int seq = phase == Phase.COMMAND ? command.nextServerSeq() : handshake.nextClientSeq();
        fail(seq, ErrPacket.CR_SERVER_LOST, "08S01", reason);
    }

    private int nextClientErrSeq() {
        return switch (phase) {
            case COMMAND -> command.nextClientErrSeq();
            case HANDSHAKE, AUTH -> handshake.nextClientSeq();
            default -> -1;
        };
    }

    private static String describe(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * Ends the connection, telling the client why with an ERR packet of sequence id {@code seq} when the
     * protocol allows one there ({@code seq < 0}: it does not).
     */
    void fail(int seq, int errorCode, String sqlState, String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (seq >= 0 && client.isActive()) {
            ByteBuf err = Packets.frame(client.alloc(), seq & 0xFF,
                    new ErrPacket(errorCode, sqlState, "SchemaGate: " + reason).encode(client.alloc()));
            client.writeAndFlush(err);
            drainClient = true;
        }
        close(reason);
    }

    /**
     * Closing a socket with unread input makes the kernel send RST, which can destroy the ERR packet
     * before the client reads it. So after an ERR the gateway half-closes, discards whatever the client
     * still sends, and closes when the client does or after a short grace period.
     */
    private void drainAndCloseClient() {
        if (client.pipeline().get(PacketFrameDecoder.class) != null) {
            client.pipeline().remove(PacketFrameDecoder.class);
        }
        client.config().setAutoRead(true);
        ChannelFuture flushed = client.writeAndFlush(Unpooled.EMPTY_BUFFER);
        flushed.addListener((ChannelFutureListener) f -> {
            if (client instanceof DuplexChannel duplex && client.isActive()) {
                duplex.shutdownOutput();
            }
        });
        client.eventLoop().schedule(() -> {
            client.close();
        }, DRAIN_SECONDS, TimeUnit.SECONDS);
    }

    void close(String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        log.info("{}: connection closed: {}", label, reason);
        shutdown();
    }

    private void closeQuietly(String reason) {
        if (phase == Phase.CLOSED) {
            return;
        }
        log.debug("{}: connection closed: {}", label, reason);
        shutdown();
    }

    private void shutdown() {
        phase = Phase.CLOSED;
        handshake.release();
        if (command != null) {
            command.release();
        }
        if (drainClient && client.isActive()) {
            drainAndCloseClient();
        } else {
            closeOnFlush(client);
        }
        if (server != null) {
            closeOnFlush(server);
        }
    }

    /** Closes after everything already written has gone out. */
    static void closeOnFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            ch.close();
        }
    }

    PacketFrameDecoder clientDecoder() {
        return clientDecoder;
    }
}
