package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.ssl.SslHandler;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.Capabilities;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.mysql.packet.HandshakeResponse41;
import io.schemagate.mysql.packet.HandshakeV10;

/**
 * The connection phase up to the first auth exchange. The gateway is a party to it, not a pipe: it
 * reads the server's HandshakeV10, shows the client a copy with the flags it cannot relay removed
 * (and CLIENT_SSL only when it has a certificate), terminates the client's TLS after an SSLRequest,
 * then sends the client's HandshakeResponse41 on to the server (after its own SSLRequest and TLS
 * handshake when upstream TLS is on). The server's scramble is shown unchanged, so the client's auth
 * data stays valid for the server.
 */
final class HandshakeRelay {

    private final RelaySession s;
    private HandshakeV10 greeting;
    private long offered;
    private int lastClientSeq;
    private boolean clientSecure;
    private ByteBuf heldResponse;
    private HandshakeResponse41 response;
    private long upstreamCaps;

    HandshakeRelay(RelaySession s) {
        this.s = s;
    }

    void onServerFrame(ByteBuf frame) {
        try {
            if (greeting != null) {
                throw new ProtocolViolation(ErrPacket.ER_HANDSHAKE_ERROR,
                        "server sent a packet during the client's TLS handshake");
            }
            ByteBuf payload = Packets.payload(frame);
            if (Packets.firstByte(frame) == ErrPacket.HEADER) {
                // The server refused before greeting (too many connections, host blocked): pass it on.
                String why = ErrPacket.decode(payload).message();
                s.client.writeAndFlush(frame.retain());
                s.close("server refused the connection: " + why);
                return;
            }
            try {
                greeting = HandshakeV10.decode(payload);
            } catch (RuntimeException e) {
                throw new ProtocolViolation(ErrPacket.ER_HANDSHAKE_ERROR, "the server at " + s.config.upstream()
                        + " sent a greeting the gateway cannot read (" + e.getMessage() + "); is it a MySQL server?");
            }
            if (s.config.upstreamTls() != null && !Capabilities.has(greeting.capabilities(), Capabilities.CLIENT_SSL)) {
                s.fail(0, ErrPacket.ER_HANDSHAKE_ERROR, "08S01", "upstream TLS is configured but the MySQL server at "
                        + s.config.upstream() + " does not offer TLS (have_ssl); enable TLS on the server or set upstream_tls mode: disable");
                return;
            }
            offered = greeting.capabilities() & ~Capabilities.NEVER_RELAYED & ~Capabilities.CLIENT_SSL;
            if (s.config.clientTls() != null) {
                offered |= Capabilities.CLIENT_SSL;
            }
            ByteBuf out = Packets.frame(s.client.alloc(), 0, greeting.withCapabilities(offered).encode(s.client.alloc()));
            s.client.writeAndFlush(out).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    s.client.read();
                } else {
                    s.close("sending the greeting to the client failed: " + f.cause().getMessage());
                }
            });
        } finally {
            frame.release();
        }
    }

    void onClientFrame(ByteBuf frame) {
        try {
            int seq = Packets.sequenceId(frame);
            int want = clientSecure ? 2 : 1;
            if (greeting == null || seq != want) {
                throw new ProtocolViolation(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER, "client sent its handshake "
                        + "response with sequence id " + seq + " where " + want + " was due");
            }
            lastClientSeq = seq;
            ByteBuf payload = Packets.payload(frame);
            if (!clientSecure && HandshakeResponse41.isSslRequest(payload)) {
                startClientTls();
                return;
            }
            try {
                response = HandshakeResponse41.decode(payload);
            } catch (RuntimeException e) {
                throw new ProtocolViolation(ErrPacket.ER_HANDSHAKE_ERROR, "Bad handshake: the client's "
                        + "handshake response cannot be read (" + e.getMessage() + ")");
            }
            // Only flags both the server offered and the gateway relays; bit 0 stays as the client set it
            // (MySQL's CLIENT_LONG_PASSWORD, MariaDB's "no extended capabilities follow").
            upstreamCaps = (response.capabilities() & offered & ~Capabilities.CLIENT_SSL)
                    | (response.capabilities() & Capabilities.CLIENT_MYSQL);
            boolean upstreamTls = s.config.upstreamTls() != null;
            if (upstreamTls) {
                upstreamCaps |= Capabilities.CLIENT_SSL;
            }
            HandshakeResponse41.patchCapabilities(payload, upstreamCaps);
            if (upstreamTls) {
                heldResponse = frame.retain();
                ByteBuf sslRequest = s.server.alloc().buffer(Packets.HEADER_SIZE + HandshakeResponse41.SSL_REQUEST_LENGTH);
                sslRequest.writeMediumLE(HandshakeResponse41.SSL_REQUEST_LENGTH).writeByte(1)
                        .writeBytes(payload, payload.readerIndex(), HandshakeResponse41.SSL_REQUEST_LENGTH);
                s.server.writeAndFlush(sslRequest);
                s.server.pipeline().addFirst("tls", s.config.upstreamTls()
                        .newHandler(s.server.alloc(), s.config.upstreamTlsHost(), s.config.upstreamPort()));
                return;
            }
            Packets.setSequenceId(frame, 1);
            beginAuth(frame.retain(), 1);
        } finally {
            frame.release();
        }
    }

    private void startClientTls() {
        if (s.config.clientTls() == null) {
            throw new ProtocolViolation(ErrPacket.ER_HANDSHAKE_ERROR, "client asked for TLS, which the gateway "
                    + "did not offer (no tls certificate configured for the mysql listener)");
        }
        // A MySQL client sends its TLS ClientHello right after the SSLRequest without waiting, so it may
        // already be buffered in the packet decoder: stop framing, put TLS in front, and replay those
        // bytes into TLS once the current read has unwound.
        s.clientDecoder().pause();
        s.client.pipeline().addFirst("tls", s.config.clientTls().newHandler(s.client.alloc()));
        s.client.eventLoop().execute(() -> {
            ByteBuf early = s.clientDecoder().resumeAndTakeBuffered();
            if (early != null) {
                s.client.pipeline().fireChannelRead(early);
                s.client.pipeline().fireChannelReadComplete();
            }
            s.client.read();
        });
    }

    void clientTlsDone() {
        clientSecure = true;
        s.client.read();
    }

    void serverTlsDone() {
        ByteBuf frame = heldResponse;
        heldResponse = null;
        Packets.setSequenceId(frame, 2);
        beginAuth(frame, 2);
    }

    private void beginAuth(ByteBuf responseFrame, int serverSeq) {
        s.auth = new AuthRelay(s, greeting, response, upstreamCaps, clientSecure, s.config.upstreamTls() != null,
                lastClientSeq, serverSeq);
        s.phase = RelaySession.Phase.AUTH;
        s.server.writeAndFlush(responseFrame);
        s.startRelaying();
    }

    /** Sequence id for an ERR packet to the client now. */
    int nextClientSeq() {
        if (s.auth != null) {
            return s.auth.nextClientSeq();
        }
        return greeting == null ? 0 : lastClientSeq + 1;
    }

    void release() {
        if (heldResponse != null) {
            heldResponse.release();
            heldResponse = null;
        }
    }
}
