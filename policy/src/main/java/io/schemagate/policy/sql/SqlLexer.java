package io.schemagate.policy.sql;

import io.schemagate.policy.Dialect;
import io.schemagate.policy.ServerVersion;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * The hot-path SQL lexer: decides cheaply whether a query string may contain DDL, and splits query
 * strings into statements for the analysers. It knows PostgreSQL's single quotes, E'' strings, quoted
 * identifiers, dollar quotes ({@code $$}, {@code $tag$}), nested block comments and {@code --}; and
 * MySQL's backticks, double-quoted strings, backslash escapes, {@code #} and {@code -- } comments and
 * executable comments ({@code /*! ... *}{@code /}, {@code /*!50100 ... *}{@code /}, MariaDB
 * {@code /*M!100100 ... *}{@code /}), whose content is code.
 *
 * <p>Fail closed: whatever it cannot classify (an unterminated quote or comment, an executable comment
 * whose version it cannot test, a string whose end depends on backslash handling it was not told, a
 * statement that does not start with a known keyword) answers "may contain DDL", so the full analyser
 * decides. Instances are immutable and thread-safe.
 */
public final class SqlLexer {

    private final SqlScanner scanner;
    private final StatementBodySkipper bodies;
    private final Dialect dialect;

    private SqlLexer(SqlScanner scanner) {
        this.scanner = scanner;
        this.bodies = new StatementBodySkipper(scanner);
        this.dialect = scanner.dialect();
    }

    /**
     * A lexer that knows only the dialect: backslash handling is {@link BackslashMode#UNKNOWN}, and MySQL
     * executable comments with a version number, or MariaDB's {@code /*M!}, count as "may contain DDL".
     */
    public static SqlLexer forDialect(Dialect dialect) {
        Objects.requireNonNull(dialect, "dialect must not be null");
        return new SqlLexer(new SqlScanner(dialect, BackslashMode.UNKNOWN, -1, null));
    }

    /**
     * A lexer for a known server: MySQL executable comments are resolved against its version (MariaDB
     * runs {@code /*!NNNNN} too, comparing with its own 10.x number). Backslash handling is the server's
     * default ({@link BackslashMode#NEVER} for PostgreSQL, {@link BackslashMode#ALWAYS} for MySQL) unless
     * changed with {@link #withBackslashMode}.
     */
    public static SqlLexer forServer(ServerVersion version) {
        Objects.requireNonNull(version, "version must not be null");
        Dialect d = version.dialect();
        BackslashMode mode = d == Dialect.POSTGRESQL ? BackslashMode.NEVER : BackslashMode.ALWAYS;
        int number = version.major() * 10000 + version.minor() * 100 + version.patch();
        return new SqlLexer(new SqlScanner(d, mode, d == Dialect.MYSQL ? number : -1,
                d == Dialect.MYSQL ? version.isMariaDb() : null));
    }

    /** The same lexer with another backslash handling (from the session's settings). */
    public SqlLexer withBackslashMode(BackslashMode mode) {
        Objects.requireNonNull(mode, "mode must not be null");
        return new SqlLexer(scanner.withBackslash(mode));
    }

    public Dialect dialect() {
        return dialect;
    }

    /** How this lexer reads backslashes in ordinary strings. */
    public BackslashMode backslashMode() {
        return scanner.backslashMode();
    }

    /** {@link #mayContainDdl(byte[], int, int)} on the UTF-8 bytes of {@code sql} (allocates; not for the hot path). */
    public boolean mayContainDdl(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        return mayContainDdl(b, 0, b.length);
    }

    /**
     * True when any statement of the UTF-8 query text in {@code buf[from, to)} may change a schema or
     * run code the lexer cannot see into, or when the text cannot be classified. Allocates nothing.
     *
     * <p>PostgreSQL {@code SELECT ... INTO t} (also after WITH) creates a table, and
     * {@code EXPLAIN ANALYZE CREATE TABLE ... AS} runs one: in SELECT, WITH and EXPLAIN statements a
     * an INTO not directly following INSERT (a data-modifying CTE), or a CREATE, answers true (both words
     * are reserved in PostgreSQL, so bare they can only be the keywords).
     */
    public boolean mayContainDdl(byte[] buf, int from, int to) {
        Objects.checkFromToIndex(from, to, buf.length);
        int p = from;
        while (true) {
            p = scanner.skipTrivia(buf, p, to, true, null);
            if (p < 0) {
                return true;
            }
            if (p >= to) {
                return false;
            }
            long token = scanner.token(buf, p, to);
            int end = SqlScanner.end(token);
            switch (SqlScanner.kind(token)) {
                case SqlScanner.WORD -> {
                    long code = Keyword.encode(buf, p, end);
                    if (!FirstKeywords.isSafeFirst(dialect, code)) {
                        return true;
                    }
                    // The first word decided; now only the statement's end matters, and in watched
                    // statements the words INTO and CREATE.
                    int q = bodies.skip(buf, end, to, from, FirstKeywords.isWatched(dialect, code));
                    if (q < 0) {
                        return true;
                    }
                    if (q >= to) {
                        return false;
                    }
                    p = q + 1; // q is at the ';'
                }
                case SqlScanner.SEMICOLON -> p = end;
                case SqlScanner.OPEN_PAREN -> p = end; // "(SELECT ...) UNION ...": the keyword follows
                default -> {
                    return true; // starts with something other than a keyword, or cannot be read
                }
            }
        }
    }

    /** A cursor over the tokens of {@code buf[from, to)} (UTF-8), with this lexer's rules. */
    public SqlTokenCursor tokens(byte[] buf, int from, int to) {
        Objects.checkFromToIndex(from, to, buf.length);
        return new SqlTokenCursor(scanner, buf, from, to);
    }

    /**
     * {@code sql} with every comment replaced by spaces (line breaks kept), so byte offsets, char offsets
     * and line numbers stay as they were. MySQL executable-comment content stays, as it is code.
     */
    public String blankComments(String sql) {
        byte[] b = sql.getBytes(StandardCharsets.UTF_8);
        SqlTokenCursor c = tokens(b, 0, b.length);
        int previousEnd = 0;
        boolean changed = false;
        while (true) {
            SqlTokenCursor.Kind k = c.next();
            if (k == SqlTokenCursor.Kind.ERROR) {
                return sql;
            }
            int gapEnd = k == SqlTokenCursor.Kind.END ? b.length : c.start();
            for (int i = previousEnd; i < gapEnd; i++) {
                if ((b[i] & 0xff) > ' ') {
                    b[i] = ' ';
                    changed = true;
                }
            }
            if (k == SqlTokenCursor.Kind.END) {
                break;
            }
            previousEnd = c.end();
        }
        return changed ? new String(b, StandardCharsets.UTF_8) : sql;
    }

    /**
     * Splits {@code sql} into statements at top-level semicolons, skipping empty ones. Quotes and comments
     * left open at the end make the last statement carry a {@link StatementSpan#problem()}.
     */
    public List<StatementSpan> split(String sql) {
        return new Splitter(scanner, sql).split();
    }
}
