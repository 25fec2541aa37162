package io.schemagate.mysql.packet;

/**
 * Capability flags of the MySQL and MariaDB protocols (MySQL: {@code include/mysql_com.h}; MariaDB's
 * extended flags travel in the handshake's reserved bytes when the server clears {@link #CLIENT_MYSQL}).
 * Bits 0-31 are the classic flags; bits 32-63 here are MariaDB's extended flags shifted up by 32.
 */
public final class Capabilities {

    /** MySQL calls bit 0 CLIENT_LONG_PASSWORD; a MariaDB server clears it to say "extended flags follow". */
    public static final long CLIENT_MYSQL = 1L;
    public static final long CLIENT_CONNECT_WITH_DB = 1L << 3;
    public static final long CLIENT_COMPRESS = 1L << 5;
    public static final long CLIENT_LOCAL_FILES = 1L << 7;
    public static final long CLIENT_PROTOCOL_41 = 1L << 9;
    public static final long CLIENT_SSL = 1L << 11;
    public static final long CLIENT_TRANSACTIONS = 1L << 13;
    public static final long CLIENT_SECURE_CONNECTION = 1L << 15;
    public static final long CLIENT_MULTI_STATEMENTS = 1L << 16;
    public static final long CLIENT_MULTI_RESULTS = 1L << 17;
    public static final long CLIENT_PLUGIN_AUTH = 1L << 19;
    public static final long CLIENT_CONNECT_ATTRS = 1L << 20;
    public static final long CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA = 1L << 21;
    public static final long CLIENT_SESSION_TRACK = 1L << 23;
    public static final long CLIENT_DEPRECATE_EOF = 1L << 24;
    /** MySQL 8: result sets may omit column metadata (a metadata_follows byte is added). */
    public static final long CLIENT_OPTIONAL_RESULTSET_METADATA = 1L << 25;
    /** MySQL 8: zstd-compressed protocol. */
    public static final long CLIENT_ZSTD_COMPRESSION_ALGORITHM = 1L << 26;
    /** MySQL 8: COM_QUERY carries query attributes before the SQL text. */
    public static final long CLIENT_QUERY_ATTRIBUTES = 1L << 27;
    /** MySQL 8.0.27: multi-factor authentication (extra AuthNextFactor exchanges). */
    public static final long MULTI_FACTOR_AUTHENTICATION = 1L << 28;
    /** MySQL: CLIENT_CAPABILITY_EXTENSION; MariaDB: CLIENT_PROGRESS_OBSOLETE. Neither is relayed. */
    public static final long BIT_29 = 1L << 29;
    /** MariaDB: progress-report packets (0xFF with code 0xFFFF) interleaved with any response. */
    public static final long MARIADB_CLIENT_PROGRESS = 1L << 32;
    /** MariaDB: COM_MULTI bundles several commands into one packet. */
    public static final long MARIADB_CLIENT_COM_MULTI = 1L << 33;
    /** MariaDB: COM_STMT_BULK_EXECUTE. */
    public static final long MARIADB_CLIENT_STMT_BULK_OPERATIONS = 1L << 34;
    /** MariaDB: COM_STMT_EXECUTE results may omit column metadata. */
    public static final long MARIADB_CLIENT_CACHE_METADATA = 1L << 36;

    /**
     * Flags the gateway never lets a client and server agree on, because each would carry bytes the
     * gateway could not read or would change the shape of packets it must read: compression (the
     * relay frames uncompressed packets), query attributes (they move the SQL text of COM_QUERY),
     * optional or cached result-set metadata and MariaDB progress reports (they change how a response
     * is delimited), COM_MULTI and bulk execution (several commands or statements hidden in one packet),
     * and multi-factor authentication (an auth exchange the relay does not follow).
     */
    public static final long NEVER_RELAYED = CLIENT_COMPRESS | CLIENT_ZSTD_COMPRESSION_ALGORITHM
            | CLIENT_QUERY_ATTRIBUTES | CLIENT_OPTIONAL_RESULTSET_METADATA | MULTI_FACTOR_AUTHENTICATION
            | BIT_29 | MARIADB_CLIENT_PROGRESS | MARIADB_CLIENT_COM_MULTI | MARIADB_CLIENT_STMT_BULK_OPERATIONS
            | MARIADB_CLIENT_CACHE_METADATA;

    private Capabilities() {
    }

    public static boolean has(long flags, long flag) {
        return (flags & flag) != 0;
    }
}
