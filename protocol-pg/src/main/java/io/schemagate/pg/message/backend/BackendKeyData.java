package io.schemagate.pg.message.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;
import io.schemagate.pg.message.PgCodec;

import java.util.Arrays;
import java.util.Objects;

/**
 * BackendKeyData ('K'): Int32 process id, then the secret key a CancelRequest must quote (4 bytes up to
 * protocol 3.1, up to 256 bytes from 3.2). The relay passes the server's own key to the client and
 * remembers it, so a cancel sent to the gateway reaches the right backend.
 *
 * @param processId the backend's process id (what pg_backend_pid() returns)
 * @param secretKey the secret key
 */
public record BackendKeyData(int processId, byte[] secretKey) {

    public static final byte TYPE = 'K';

    public BackendKeyData {
        Objects.requireNonNull(secretKey, "secretKey must not be null");
        secretKey = secretKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /** Decodes a whole frame: type byte, length, body. */
    public static BackendKeyData decode(ByteBuf frame) {
        int length = frame.getInt(frame.readerIndex() + 1);
        if (length < 12 || frame.readableBytes() != length + 1) {
            throw new MalformedMessageException("BackendKeyData of length " + length + " is too short or truncated");
        }
        ByteBuf body = frame.duplicate().skipBytes(5);
        int pid = body.readInt();
        byte[] key = new byte[body.readableBytes()];
        body.readBytes(key);
        return new BackendKeyData(pid, key);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(9 + secretKey.length);
        int len = PgCodec.beginTyped(buf, 'K');
        buf.writeInt(processId).writeBytes(secretKey);
        PgCodec.patchLength(buf, len);
        return buf;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackendKeyData k && k.processId == processId && Arrays.equals(k.secretKey, secretKey);
    }

    @Override
    public int hashCode() {
        return 31 * processId + Arrays.hashCode(secretKey);
    }

    @Override
    public String toString() {
        return "BackendKeyData[processId=" + processId + ", secretKey=" + secretKey.length + " bytes]";
    }
}
