package io.schemagate.policy.ddl.pg;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * The two functions of libpg_query 15-4.0 we call (pg_query.h):
 * {@code PgQueryParseResult pg_query_parse(const char* input)} and
 * {@code void pg_query_free_parse_result(PgQueryParseResult result)}; the result struct is passed by value.
 */
interface PgQueryNative extends Library {

    ParseResult.ByValue pg_query_parse(byte[] nulTerminatedUtf8);

    void pg_query_free_parse_result(ParseResult.ByValue result);

    /** {@code typedef struct { char* parse_tree; char* stderr_buffer; PgQueryError* error; } PgQueryParseResult;} */
    @Structure.FieldOrder({"parse_tree", "stderr_buffer", "error"})
    class ParseResult extends Structure {
        public Pointer parse_tree;
        public Pointer stderr_buffer;
        public Pointer error;

        public static class ByValue extends ParseResult implements Structure.ByValue {
        }
    }

    /**
     * {@code typedef struct { char* message; char* funcname; char* filename; int lineno; int cursorpos;
     * char* context; } PgQueryError;} — cursorpos is 1-based, in bytes of the input.
     */
    @Structure.FieldOrder({"message", "funcname", "filename", "lineno", "cursorpos", "context"})
    class Error extends Structure {
        public Pointer message;
        public Pointer funcname;
        public Pointer filename;
        public int lineno;
        public int cursorpos;
        public Pointer context;

        Error(Pointer p) {
            super(p);
            read();
        }
    }
}
