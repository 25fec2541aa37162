package io.schemagate.policy.ddl.pg;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.jna.Native;
import io.schemagate.policy.ddl.ParserStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * libpg_query (PostgreSQL's own parser as a C library) loaded through JNA. Debian and Ubuntu ship it
 * as {@code libpg-query1504.0}, which installs only the versioned {@code libpg_query.so.1504.0}; the
 * unversioned name comes with {@code libpg-query-dev}. So loading tries, in order: the path in the
 * system property {@value #PATH_PROPERTY} or the environment variable {@value #PATH_ENV}, the plain
 * name {@code pg_query}, then the versioned file name. A missing library is a status, not a crash:
 * PostgreSQL DDL is then UNKNOWN.
 */
public final class PgQueryLibrary {

    public static final String PATH_PROPERTY = "schemagate.pgquery.library";
    public static final String PATH_ENV = "SCHEMAGATE_PG_QUERY_LIBRARY";
    static final String VERSIONED_NAME = "libpg_query.so.1504.0";
    static final String INSTALL_HINT = "install it with 'apt-get install libpg-query1504.0' (Debian/Ubuntu), or point "
            + PATH_PROPERTY + " / " + PATH_ENV + " at libpg_query.so";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile PgQueryLibrary shared;

    private final PgQueryNative lib;
    private final ParserStatus status;

    private PgQueryLibrary(PgQueryNative lib, ParserStatus status) {
        this.lib = lib;
        this.status = status;
    }

    /** The process-wide instance, loaded on first use. */
    public static PgQueryLibrary get() {
        PgQueryLibrary l = shared;
        if (l == null) {
            synchronized (PgQueryLibrary.class) {
                l = shared;
                if (l == null) {
                    l = load(System.getProperty(PATH_PROPERTY, System.getenv(PATH_ENV)));
                    shared = l;
                }
            }
        }
        return l;
    }

    /** Loads from {@code overridePath} when given (and only from there), else by the usual names. */
    static PgQueryLibrary load(String overridePath) {
        List<String> candidates = new ArrayList<>();
        if (overridePath != null && !overridePath.isBlank()) {
            candidates.add(overridePath);
        } else {
            candidates.add("pg_query");
            candidates.add(VERSIONED_NAME);
        }
        List<String> failures = new ArrayList<>();
        for (String name : candidates) {
            try {
                PgQueryNative lib = Native.load(name, PgQueryNative.class);
                return new PgQueryLibrary(lib, ParserStatus.available("libpg_query (" + name + ")"));
            } catch (UnsatisfiedLinkError e) {
                failures.add(name + ": " + e.getMessage());
            }
        }
        return new PgQueryLibrary(null, ParserStatus.missing("libpg_query",
                "the PostgreSQL parser library libpg_query could not be loaded (tried " + String.join("; ", failures)
                        + "), so PostgreSQL DDL is treated as UNKNOWN; " + INSTALL_HINT));
    }

    public ParserStatus status() {
        return status;
    }

    /** Parses one or more statements; the caller must have checked {@link #status()}. */
    PgParseResult parse(String sql) {
        if (lib == null) {
            throw new IllegalStateException(status.message());
        }
        byte[] utf8 = sql.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, input, 0, utf8.length);
        PgQueryNative.ParseResult.ByValue result = lib.pg_query_parse(input);
        try {
            if (result.error != null) {
                PgQueryNative.Error error = new PgQueryNative.Error(result.error);
                String message = error.message == null ? "syntax error" : error.message.getString(0, "UTF-8");
                return PgParseResult.failure(message, error.cursorpos);
            }
            String tree = result.parse_tree.getString(0, "UTF-8");
            return PgParseResult.success(readTree(tree));
        } finally {
            lib.pg_query_free_parse_result(result);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("libpg_query returned a parse tree that is not JSON", e);
        }
    }
}
