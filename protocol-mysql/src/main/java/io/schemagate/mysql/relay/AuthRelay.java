package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.schemagate.mysql.auth.CachingSha2Exchange;
import io.schemagate.mysql.auth.CachingSha2Password;
import io.schemagate.mysql.auth.GatewayRsaKey;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.Capabilities;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.mysql.packet.HandshakeResponse41;
import io.schemagate.mysql.packet.HandshakeV10;
import io.schemagate.mysql.packet.LengthEncoded;
import io.schemagate.mysql.packet.ServerStatus;
import io.schemagate.policy.Principal;

import java.net.InetSocketAddress;
import java.util.Arrays;

/**
 * The authentication exchange after the handshake response: auth switch requests (0xFE), auth more
 * data (0x01) and the client's replies, until the server's OK or ERR. It is strict ping-pong, so each
 * leg keeps its own sequence ids (the legs differ by the SSLRequest each may or may not have had).
 * mysql_native_password and ed25519 relay unchanged; caching_sha2_password goes through
 * {@link CachingSha2Exchange}.
 */
final class AuthRelay {

    private final RelaySession s;
    private final HandshakeResponse41 response;
    private final long capabilities;
    private final boolean clientSecure;
    private final boolean serverSecure;
    private int lastClientSeq;
    private int lastServerSeq;
    private String plugin;
    private CachingSha2Exchange sha2;

    AuthRelay(RelaySession s, HandshakeV10 greeting, HandshakeResponse41 response, long capabilities,
              boolean clientSecure, boolean serverSecure, int lastClientSeq, int lastServerSeq) {
        this.s = s;
        this.response = response;
        this.capabilities = capabilities;
        this.clientSecure = clientSecure;
        this.serverSecure = serverSecure;
        this.lastClientSeq = lastClientSeq;
        this.lastServerSeq = lastServerSeq;
        this.plugin = response.authPluginName() != null ? response.authPluginName() : greeting.authPluginName();
        pluginChosen(greeting.scramble());
    }

    private void pluginChosen(byte[] nonce) {
        sha2 = CachingSha2Password.NAME.equals(plugin)
                ? new CachingSha2Exchange(nonce, clientSecure, serverSecure, GatewayRsaKey::get) : null;
    }

    void onServerFrame(ByteBuf frame) {
        int seq = Packets.sequenceId(frame);
        if (seq != ((lastServerSeq + 1) & 0xFF)) {
            frame.release();
            throw new ProtocolViolation(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER, "server sent sequence id " + seq
                    + " during authentication where " + ((lastServerSeq + 1) & 0xFF) + " was due");
        }
        lastServerSeq = seq;
        int first = Packets.firstByte(frame);
        ByteBuf payload = Packets.payload(frame);
        switch (first) {
            case ServerStatus.OK -> {
                int status = ServerStatus.ofOk(payload);
                toClient(frame);
                s.commandPhase(new CommandRelay(s, principal(), Capabilities.has(capabilities, Capabilities.CLIENT_DEPRECATE_EOF),
                        status, clientSecure && !serverSecure));
                s.config.observer().established(s.client);
            }
            case ErrPacket.HEADER -> {
                String why = ErrPacket.decode(payload).message();
                toClient(frame);
                s.client.flush();
                s.close("server refused authentication of user '" + response.user() + "': " + why);
            }
            case 0xFE -> {
                // AuthSwitchRequest: 0xFE, plugin name NUL, plugin data (the new nonce, NUL-terminated).
                ByteBuf in = payload.duplicate().skipBytes(1);
                plugin = LengthEncoded.readNulString(in);
                byte[] data = ByteBufUtil.getBytes(in);
                if (data.length > 0 && data[data.length - 1] == 0) {
                    data = Arrays.copyOf(data, data.length - 1);
                }
                pluginChosen(data);
                toClient(frame);
            }
            case 0x01 -> {
                if (sha2 == null) {
                    toClient(frame);
                    return;
                }
                apply(sha2.onServer(ByteBufUtil.getBytes(payload)), frame, false);
            }
            default -> toClient(frame);
        }
    }

    void onClientFrame(ByteBuf frame) {
        int seq = Packets.sequenceId(frame);
        if (seq != ((lastClientSeq + 1) & 0xFF)) {
            frame.release();
            throw new ProtocolViolation(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER, "client sent sequence id " + seq
                    + " during authentication where " + ((lastClientSeq + 1) & 0xFF) + " was due");
        }
        lastClientSeq = seq;
        if (sha2 == null) {
            toServer(frame);
            return;
        }
        apply(sha2.onClient(ByteBufUtil.getBytes(Packets.payload(frame))), frame, true);
    }

    private void apply(CachingSha2Exchange.Step step, ByteBuf frame, boolean fromClient) {
        if (step instanceof CachingSha2Exchange.Step.ToServer t) {
            frame.release();
            toServer(Packets.frame(s.server.alloc(), 0, Unpooled.wrappedBuffer(t.payload())));
        } else if (step instanceof CachingSha2Exchange.Step.ToClient t) {
            frame.release();
            toClient(Packets.frame(s.client.alloc(), 0, Unpooled.wrappedBuffer(t.payload())));
        } else if (step instanceof CachingSha2Exchange.Step.Fail f) {
            frame.release();
            s.fail(nextClientSeq(), ErrPacket.ER_NOT_SUPPORTED_AUTH_MODE, "08004", f.reason());
        } else if (fromClient) {
            toServer(frame);
        } else {
            toClient(frame);
        }
    }

    private void toClient(ByteBuf frame) {
        lastClientSeq = (lastClientSeq + 1) & 0xFF;
        Packets.setSequenceId(frame, lastClientSeq);
        s.toClient(frame, false);
    }

    private void toServer(ByteBuf frame) {
        lastServerSeq = (lastServerSeq + 1) & 0xFF;
        Packets.setSequenceId(frame, lastServerSeq);
        s.toServer(frame, true);
    }

    int nextClientSeq() {
        return (lastClientSeq + 1) & 0xFF;
    }

    private Principal principal() {
        String address = s.client.remoteAddress() instanceof InetSocketAddress a
                ? a.getAddress().getHostAddress() : String.valueOf(s.client.remoteAddress());
        return new Principal(response.user(), response.database(), address,
                response.attributes().get("program_name"), null);
    }
}
