package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The server's greeting, Protocol::HandshakeV10. The gateway decodes the server's greeting and sends
 * the client an edited copy (other capability flags, same connection id and scramble, so that auth data
 * computed by the client stays valid for the server).
 *
 * @param serverVersion  human-readable version, e.g. {@code 5.5.5-10.11.19-MariaDB}
 * @param connectionId   the server's thread id: what {@code KILL QUERY} names
 * @param authPluginData auth-plugin-data parts 1 and 2 exactly as sent (part 2 usually ends with a NUL)
 * @param capabilities   classic flags in bits 0-31, MariaDB extended flags in bits 32-63
 * @param characterSet   the server's default collation id
 * @param statusFlags    SERVER_STATUS_* flags
 * @param authPluginName the default auth plugin, or null when CLIENT_PLUGIN_AUTH is not set
 */
public record HandshakeV10(String serverVersion, long connectionId, byte[] authPluginData, long capabilities,
                           int characterSet, int statusFlags, String authPluginName) {

    public static final int PROTOCOL_VERSION = 10;

    public HandshakeV10 {
        Objects.requireNonNull(serverVersion, "serverVersion must not be null");
        Objects.requireNonNull(authPluginData, "authPluginData must not be null");
    }

    /** The scramble (nonce) the auth plugins hash with: the auth plugin data without a trailing NUL. */
    public byte[] scramble() {
        int n = authPluginData.length;
        return n > 0 && authPluginData[n - 1] == 0 ? Arrays.copyOf(authPluginData, n - 1) : authPluginData.clone();
    }

    /** The same greeting with other capability flags. */
    public HandshakeV10 withCapabilities(long newCapabilities) {
        return new HandshakeV10(serverVersion, connectionId, authPluginData, newCapabilities, characterSet,
                statusFlags, authPluginName);
    }

    /** Decodes a greeting payload (without the packet header). */
    public static HandshakeV10 decode(ByteBuf in) {
        int version = in.readUnsignedByte();
        if (version != PROTOCOL_VERSION) {
            throw new IllegalArgumentException("server greeting has protocol version " + version
                    + "; only HandshakeV10 (protocol 10, MySQL 4.1 and later) is supported");
        }
        String serverVersion = LengthEncoded.readNulString(in);
        long connectionId = in.readUnsignedIntLE();
        byte[] part1 = new byte[8];
        in.readBytes(part1);
        in.skipBytes(1);
        long caps = in.readUnsignedShortLE();
        int charset = 0;
        int status = 0;
        byte[] data = part1;
        String plugin = null;
        if (in.isReadable()) {
            charset = in.readUnsignedByte();
            status = in.readUnsignedShortLE();
            caps |= (long) in.readUnsignedShortLE() << 16;
            int authDataLength = in.readUnsignedByte();
            in.skipBytes(6);
            long reserved = in.readUnsignedIntLE();
            if (!Capabilities.has(caps, Capabilities.CLIENT_MYSQL)) {
                caps |= reserved << 32;
            }
            if (Capabilities.has(caps, Capabilities.CLIENT_SECURE_CONNECTION)) {
                int part2Length = Math.max(13, authDataLength - 8);
                part2Length = Math.min(part2Length, in.readableBytes());
                data = Arrays.copyOf(part1, 8 + part2Length);
                in.readBytes(data, 8, part2Length);
            }
            if (Capabilities.has(caps, Capabilities.CLIENT_PLUGIN_AUTH)) {
                plugin = LengthEncoded.readNulString(in);
            }
        }
        return new HandshakeV10(serverVersion, connectionId, data, caps, charset, status, plugin);
    }

    /** Encodes the payload (without the packet header). */
    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(96);
        out.writeByte(PROTOCOL_VERSION);
        LengthEncoded.writeNulString(out, serverVersion);
        out.writeIntLE((int) connectionId);
        out.writeBytes(authPluginData, 0, Math.min(8, authPluginData.length));
        out.writeZero(8 - Math.min(8, authPluginData.length));
        out.writeByte(0);
        out.writeShortLE((int) (capabilities & 0xFFFF));
        out.writeByte(characterSet);
        out.writeShortLE(statusFlags);
        out.writeShortLE((int) ((capabilities >>> 16) & 0xFFFF));
        out.writeByte(Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH) ? authPluginData.length : 0);
        out.writeZero(6);
        out.writeIntLE(Capabilities.has(capabilities, Capabilities.CLIENT_MYSQL) ? 0 : (int) (capabilities >>> 32));
        if (Capabilities.has(capabilities, Capabilities.CLIENT_SECURE_CONNECTION) && authPluginData.length > 8) {
            out.writeBytes(authPluginData, 8, authPluginData.length - 8);
        }
        if (Capabilities.has(capabilities, Capabilities.CLIENT_PLUGIN_AUTH) && authPluginName != null) {
            out.writeBytes(authPluginName.getBytes(StandardCharsets.UTF_8)).writeByte(0);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeV10 h && serverVersion.equals(h.serverVersion) && connectionId == h.connectionId
                && Arrays.equals(authPluginData, h.authPluginData) && capabilities == h.capabilities
                && characterSet == h.characterSet && statusFlags == h.statusFlags
                && Objects.equals(authPluginName, h.authPluginName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serverVersion, connectionId, Arrays.hashCode(authPluginData), capabilities);
    }

    @Override
    public String toString() {
        return "HandshakeV10[" + serverVersion + ", connection " + connectionId + ", capabilities 0x"
                + Long.toHexString(capabilities) + ", plugin " + authPluginName + "]";
    }
}
