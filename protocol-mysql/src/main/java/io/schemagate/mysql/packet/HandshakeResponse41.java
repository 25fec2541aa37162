package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The client's answer to the greeting, Protocol::HandshakeResponse41, and its 32-byte prefix the
 * SSLRequest. The gateway reads it for the principal (user, database, program name) and relays the
 * client's own bytes with only the capability flags patched ({@link #patchCapabilities}), so every
 * field it does not understand still reaches the server unchanged.
 *
 * @param capabilities   classic flags in bits 0-31, MariaDB extended flags (filler bytes 19-22) in 32-63
 * @param maxPacketSize  the client's max packet size
 * @param characterSet   the client's collation id
 * @param user           login user
 * @param authResponse   auth data computed by the client with the greeting's scramble
 * @param database       initial schema, or null
 * @param authPluginName plugin the auth response was computed with, or null
 * @param attributes     connection attributes (e.g. {@code program_name}), empty when none were sent
 */
public record HandshakeResponse41(long capabilities, long maxPacketSize, int characterSet, String user,
                                  byte[] authResponse, String database, String authPluginName,
                                  Map<String, String> attributes) {

    /** Capability flags, max packet size, character set and the 23-byte filler. */
    public static final int SSL_REQUEST_LENGTH = 32;
    private static final int EXTENDED_CAPABILITIES_OFFSET = 28;

    public HandshakeResponse41 {
        Objects.requireNonNull(user, "user must not be null");
        attributes = Map.copyOf(attributes);
    }

    /** An SSLRequest is exactly the 32-byte prefix with CLIENT_SSL set. */
    public static boolean isSslRequest(ByteBuf payload) {
        return payload.readableBytes() == SSL_REQUEST_LENGTH
                && Capabilities.has(payload.getUnsignedIntLE(payload.readerIndex()), Capabilities.CLIENT_SSL);
    }

    /** The capability flags of a response or SSLRequest payload, MariaDB extended flags included. */
    public static long capabilitiesOf(ByteBuf payload) {
        long caps = payload.getUnsignedIntLE(payload.readerIndex());
        if (!Capabilities.has(caps, Capabilities.CLIENT_MYSQL) && payload.readableBytes() >= SSL_REQUEST_LENGTH) {
            caps |= payload.getUnsignedIntLE(payload.readerIndex() + EXTENDED_CAPABILITIES_OFFSET) << 32;
        }
        return caps;
    }

    /** Overwrites the capability flags of a response or SSLRequest payload in place. */
    public static void patchCapabilities(ByteBuf payload, long caps) {
        payload.setIntLE(payload.readerIndex(), (int) caps);
        if (!Capabilities.has(caps, Capabilities.CLIENT_MYSQL) && payload.readableBytes() >= SSL_REQUEST_LENGTH) {
            payload.setIntLE(payload.readerIndex() + EXTENDED_CAPABILITIES_OFFSET, (int) (caps >>> 32));
        }
    }

    /** Decodes a full response payload (not an SSLRequest); does not move the reader index of {@code payload}. */
    public static HandshakeResponse41 decode(ByteBuf payload) {
        ByteBuf in = payload.duplicate();
        if (in.readableBytes() < SSL_REQUEST_LENGTH + 1) {
            throw new IllegalArgumentException("handshake response of " + in.readableBytes()
                    + " bytes is shorter than the 33 bytes of the smallest HandshakeResponse41");
        }
        long caps = capabilitiesOf(in);
        if (!Capabilities.has(caps, Capabilities.CLIENT_PROTOCOL_41)) {
            throw new IllegalArgumentException("client does not speak protocol 4.1 (CLIENT_PROTOCOL_41 not set); "
                    + "HandshakeResponse320 clients are not supported");
        }
        in.skipBytes(4);
        long maxPacket = in.readUnsignedIntLE();
        int charset = in.readUnsignedByte();
        in.skipBytes(23);
        String user = LengthEncoded.readNulString(in);
        byte[] auth;
        if (Capabilities.has(caps, Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA)) {
            auth = LengthEncoded.readBytes(in);
        } else if (Capabilities.has(caps, Capabilities.CLIENT_SECURE_CONNECTION)) {
            auth = new byte[in.readUnsignedByte()];
            in.readBytes(auth);
        } else {
            auth = LengthEncoded.readNulString(in).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        String database = null;
        if (Capabilities.has(caps, Capabilities.CLIENT_CONNECT_WITH_DB) && in.isReadable()) {
            database = LengthEncoded.readNulString(in);
        }
        String plugin = null;
        if (Capabilities.has(caps, Capabilities.CLIENT_PLUGIN_AUTH) && in.isReadable()) {
            plugin = LengthEncoded.readNulString(in);
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        if (Capabilities.has(caps, Capabilities.CLIENT_CONNECT_ATTRS) && in.isReadable()) {
            long length = LengthEncoded.readInt(in);
            ByteBuf kv = in.readSlice(Math.toIntExact(length));
            while (kv.isReadable()) {
                attrs.put(LengthEncoded.readString(kv), LengthEncoded.readString(kv));
            }
        }
        return new HandshakeResponse41(caps, maxPacket, charset, user, auth, database, plugin, attrs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandshakeResponse41 r && capabilities == r.capabilities && maxPacketSize == r.maxPacketSize
                && characterSet == r.characterSet && user.equals(r.user) && Arrays.equals(authResponse, r.authResponse)
                && Objects.equals(database, r.database) && Objects.equals(authPluginName, r.authPluginName)
                && attributes.equals(r.attributes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(capabilities, user, database, authPluginName);
    }

    @Override
    public String toString() {
        return "HandshakeResponse41[user " + user + ", database " + database + ", plugin " + authPluginName
                + ", capabilities 0x" + Long.toHexString(capabilities) + "]";
    }
}
