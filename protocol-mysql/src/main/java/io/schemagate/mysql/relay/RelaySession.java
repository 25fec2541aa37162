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
 * autoRead off, and a side is read again only once the channels its last read wrote to can take more
 * (Netty's writability: below the high water mark), so a slow reader holds back its peer without a
 * listener on every write. The connection goes through the handshake ({@link HandshakeRelay}),
 * authentication ({@link AuthRelay}) and the command phase ({@link CommandRelay}), where each read's
 * complete packets arrive as one run and leave, when nothing in them needs the gateway, as one write;
 * every end has a logged reason.
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
    /** Channels written to because of the current client read and server read (bit masks). */
    private int wroteForClient;
    private int wroteForServer;
    /** Channels written to and not flushed yet (a gateway-made packet may belong to either read). */
    private int unflushed;
    /** Channels a side's next read waits for, to become writable again (bit masks; 0: not waiting). */
    private int clientWaits;
    private int serverWaits;
    private static final int TO_CLIENT = 1;
    private static final int TO_SERVER = 2;
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
                // Read the server's answers the way the listener reads its clients' messages.
                .option(ChannelOption.RCVBUF_ALLOCATOR, client.config().getRecvByteBufAllocator())
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

    /** Client bytes: one whole frame before the command phase, a run of whole frames in it. */
    void onClientFrames(ByteBuf frames) {
        try {
            switch (phase) {
                case HANDSHAKE -> handshake.onClientFrame(frames);
                case AUTH -> auth.onClientFrame(frames);
                case COMMAND -> command.onClientRun(frames);
                default -> frames.release();
            }
        } catch (ProtocolViolation e) {
            fail(nextClientErrSeq(), e.errorCode(), "08S01", e.getMessage());
        }
    }

    /** Server bytes: one whole frame before the command phase, a run of whole frames in it. */
    void onServerFrames(ByteBuf frames) {
        try {
            switch (phase) {
                case HANDSHAKE -> handshake.onServerFrame(frames);
                case AUTH -> auth.onServerFrame(frames);
                case COMMAND -> command.onServerRun(frames);
                default -> frames.release();
            }
        } catch (ProtocolViolation e) {
            failFromServer(e.getMessage());
        }
    }

    /** Authentication succeeded: from now on both sides' packets travel in runs. */
    void commandPhase(CommandRelay relay) {
        command = relay;
        phase = Phase.COMMAND;
        clientDecoder.passRuns();
        serverDecoder.passRuns();
    }

    void clientReadComplete() {
        if (phase.compareTo(Phase.AUTH) < 0 || phase == Phase.CLOSED) {
            return;
        }
        flush();
        if (!clientPaused) {
            clientWaits = unwritable(wroteForClient);
            if (clientWaits == 0) {
                client.read();
            }
        }
        wroteForClient = 0;
    }

    void serverReadComplete() {
        if (phase.compareTo(Phase.AUTH) < 0 || phase == Phase.CLOSED) {
            return;
        }
        flush();
        serverWaits = unwritable(wroteForServer);
        if (serverWaits == 0) {
            server.read();
        }
        wroteForServer = 0;
    }

    /** Flushes the channels written to; a flush is a trip through the pipeline even when idle. */
    private void flush() {
        int dirty = unflushed;
        unflushed = 0;
        if ((dirty & TO_SERVER) != 0) {
            server.flush();
        }
        if ((dirty & TO_CLIENT) != 0) {
            client.flush();
        }
    }

    /** Which of the channels in {@code wrote} are above their high water mark. */
    private int unwritable(int wrote) {
        return ((wrote & TO_CLIENT) != 0 && !client.isWritable() ? TO_CLIENT : 0)
                | ((wrote & TO_SERVER) != 0 && !server.isWritable() ? TO_SERVER : 0);
    }

    /** A channel's writability changed: a side that waited for it, and only for writable ones, reads again. */
    void writabilityChanged() {
        if (phase == Phase.CLOSED) {
            return;
        }
        if (clientWaits != 0 && unwritable(clientWaits) == 0) {
            clientWaits = 0;
            if (!clientPaused) {
                client.read();
            }
        }
        if (serverWaits != 0 && unwritable(serverWaits) == 0) {
            serverWaits = 0;
            server.read();
        }
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

    /**
     * Queues frames for the server; the read complete that follows flushes them. The write carries
     * no promise: a failed write reaches the server handler's exceptionCaught, which ends the session.
     */
    void toServer(ByteBuf frames, boolean causedByClient) {
        server.write(frames, server.voidPromise());
        unflushed |= TO_SERVER;
        if (causedByClient) {
            wroteForClient |= TO_SERVER;
        } else {
            wroteForServer |= TO_SERVER;
        }
    }

    /** Queues frames for the client, as {@link #toServer}. */
    void toClient(ByteBuf frames, boolean causedByClient) {
        client.write(frames, client.voidPromise());
        unflushed |= TO_CLIENT;
        if (causedByClient) {
            wroteForClient |= TO_CLIENT;
        } else {
            wroteForServer |= TO_CLIENT;
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
