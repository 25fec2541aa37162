package io.schemagate.pg.message.frontend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.schemagate.pg.message.MalformedMessageException;

import java.util.Objects;

/**
 * CancelRequest: Int32 length, Int32 80877102 (1234 &lt;&lt; 16 | 5678), Int32 process id, then the secret
 * key. The key is 4 bytes up to protocol 3.1 and up to 256 bytes from 3.2 (PostgreSQL 18), so the
 * gateway keeps it as bytes. Sent on a fresh connection; the server never answers it.
 *
 * @param processId the backend's process id from BackendKeyData
 * @param secretKey the backend's secret key from BackendKeyData
 */
public record CancelRequest(int processId, byte[] secretKey) {

    public static final int CODE = 80877102;
    /** Protocol 3.2 allows secret keys of up to 256 bytes. */
    public static final int MAX_SECRET_KEY_BYTES = 256;

    public CancelRequest {
        Objects.requireNonNull(secretKey, "secretKey must not be null");
        secretKey = secretKey.clone();
    }

    @Override
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /** Decodes from the process id to the end of the packet (the length and code already read). */
    public static CancelRequest decode(ByteBuf body) {
        if (body.readableBytes() < 8 || body.readableBytes() > 4 + MAX_SECRET_KEY_BYTES) {
            throw new MalformedMessageException("CancelRequest carries " + body.readableBytes()
                    + " bytes after its code; expected a process id and a 4 to 256 byte key");
        }
        int pid = body.readInt();
        byte[] key = new byte[body.readableBytes()];
        body.readBytes(key);
        return new CancelRequest(pid, key);
    }

    public ByteBuf encode(ByteBufAllocator alloc) {
        ByteBuf buf = alloc.buffer(12 + secretKey.length);
        buf.writeInt(12 + secretKey.length).writeInt(CODE).writeInt(processId).writeBytes(secretKey);
        return buf;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CancelRequest c && c.processId == processId && java.util.Arrays.equals(c.secretKey, secretKey);
    }

    @Override
    public int hashCode() {
        return 31 * processId + java.util.Arrays.hashCode(secretKey);
    }

    @Override
    public String toString() {
        return "CancelRequest[processId=" + processId + ", secretKey=" + secretKey.length + " bytes]";
    }
}
