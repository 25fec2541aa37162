package io.schemagate.pg.frame;

/**
 * Which typed messages a {@link PgFrameDecoder} hands over whole, which it refuses, and how long a
 * message may be. One per direction.
 */
public interface FrameRule {

    /**
     * Bind, Close, CopyData, CopyDone, CopyFail, Describe, Execute, Flush, FunctionCall, Parse,
     * PasswordMessage (and the SASL/GSS responses that share 'p'), Query, Sync, Terminate.
     */
    String FRONTEND_TYPES = "BCdcfDEHFPpQSX";

    /** Whether to buffer a message of this type whole and emit it as a {@link PgFrame}. */
    boolean opens(byte type);

    /** A reason to refuse a message of this type, or null when it is allowed. */
    String refuse(byte type);

    /** The largest length field accepted (the length counts itself and the body). */
    int maxLength();

    /** Messages a client may send after startup (protocol-flow, frontend message formats). */
    static FrameRule frontend(int maxLength, String opened) {
        return new FrameRule() {
            @Override
            public boolean opens(byte type) {
                return opened.indexOf(type) >= 0;
            }

            @Override
            public String refuse(byte type) {
                return FRONTEND_TYPES.indexOf(type) >= 0 ? null
                        : "unknown frontend message type 0x" + Integer.toHexString(type & 0xFF);
            }

            @Override
            public int maxLength() {
                return maxLength;
            }
        };
    }

    /** Messages from the server: trusted for type; PostgreSQL caps a message well under 2 GiB. */
    static FrameRule backend(String opened) {
        return new FrameRule() {
            @Override
            public boolean opens(byte type) {
                return opened.indexOf(type) >= 0;
            }

            @Override
            public String refuse(byte type) {
                return null;
            }

            @Override
            public int maxLength() {
                return Integer.MAX_VALUE;
            }
        };
    }
}
