package io.schemagate.mysql.packet;

/**
 * Command bytes of the command phase and how the server answers each, which is all the relay needs to
 * find where a response ends without decoding it (MySQL client/server protocol, "Command Phase").
 */
public enum Command {
    COM_SLEEP(0x00, Response.UNTRACKED),
    COM_QUIT(0x01, Response.NONE),
    COM_INIT_DB(0x02, Response.SINGLE),
    COM_QUERY(0x03, Response.RESULT),
    COM_FIELD_LIST(0x04, Response.UNTIL_EOF),
    COM_CREATE_DB(0x05, Response.SINGLE),
    COM_DROP_DB(0x06, Response.SINGLE),
    COM_REFRESH(0x07, Response.SINGLE),
    COM_SHUTDOWN(0x08, Response.SINGLE),
    COM_STATISTICS(0x09, Response.SINGLE),
    COM_PROCESS_INFO(0x0A, Response.RESULT),
    COM_PROCESS_KILL(0x0C, Response.SINGLE),
    COM_DEBUG(0x0D, Response.SINGLE),
    COM_PING(0x0E, Response.SINGLE),
    COM_CHANGE_USER(0x11, Response.AUTH),
    COM_STMT_PREPARE(0x16, Response.PREPARE),
    COM_STMT_EXECUTE(0x17, Response.RESULT),
    COM_STMT_SEND_LONG_DATA(0x18, Response.NONE),
    COM_STMT_CLOSE(0x19, Response.NONE),
    COM_STMT_RESET(0x1A, Response.SINGLE),
    COM_SET_OPTION(0x1B, Response.SINGLE),
    COM_STMT_FETCH(0x1C, Response.UNTIL_EOF),
    COM_RESET_CONNECTION(0x1F, Response.SINGLE),
    /** Replication streams, obsolete and unknown commands: the relay stops following responses. */
    OTHER(-1, Response.UNTRACKED);

    /** The shape of the server's answer. */
    public enum Response {
        /** No answer (COM_QUIT, COM_STMT_CLOSE, COM_STMT_SEND_LONG_DATA). */
        NONE,
        /** One packet: OK, ERR, EOF or (COM_STATISTICS) a string. */
        SINGLE,
        /** OK, ERR, LOCAL INFILE request, or result sets, possibly several (SERVER_MORE_RESULTS_EXISTS). */
        RESULT,
        /** COM_STMT_PREPARE_OK with parameter and column definitions, or ERR. */
        PREPARE,
        /** Packets up to an EOF or ERR (COM_FIELD_LIST, COM_STMT_FETCH). */
        UNTIL_EOF,
        /** An authentication exchange ending in OK or ERR (COM_CHANGE_USER). */
        AUTH,
        /** Not followed. */
        UNTRACKED
    }

    private static final Command[] BY_CODE = new Command[256];

    static {
        for (Command c : values()) {
            if (c.code >= 0) {
                BY_CODE[c.code] = c;
            }
        }
    }

    private final int code;
    private final Response response;

    Command(int code, Response response) {
        this.code = code;
        this.response = response;
    }

    public int code() {
        return code;
    }

    public Response response() {
        return response;
    }

    public static Command of(int code) {
        Command c = code < 0 || code > 255 ? null : BY_CODE[code];
        return c == null ? OTHER : c;
    }
}
