package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.Command;
import io.schemagate.policy.Principal;
import io.schemagate.policy.sql.UseStatements;

import java.nio.charset.StandardCharsets;

/**
 * Commands that move a session to another database or user: COM_INIT_DB, a COM_QUERY that is one USE
 * statement, and COM_CHANGE_USER. The policy matches on both and resolves unqualified table names in
 * the session's database, so the relay follows them. Only a query whose text starts like USE is
 * decoded; every other command is looked at by its first byte.
 */
final class PrincipalChanges {

    /** The database and, for COM_CHANGE_USER, the user a command asks for (null user: unchanged). */
    record Change(String user, String database) {
        /** COM_INIT_DB and USE hold the client's next commands; COM_CHANGE_USER needs its replies. */
        boolean holdsClient() {
            return user == null;
        }

        Principal applyTo(Principal p) {
            return new Principal(user == null ? p.user() : user, database, p.clientAddress(), p.applicationName(),
                    p.tlsIdentity());
        }
    }

    private PrincipalChanges() {
    }

    /** What the command in the frame at {@code at} would change, or null. */
    static Change of(ByteBuf buf, int at) {
        if (Packets.continues(buf, at)) {
            return null;
        }
        int payload = at + Packets.HEADER_SIZE;
        int length = Packets.payloadLength(buf, at);
        Command command = Command.of(Packets.firstByte(buf, at));
        return switch (command) {
            case COM_INIT_DB -> new Change(null, buf.toString(payload + 1, length - 1, StandardCharsets.UTF_8));
            case COM_QUERY -> mayBeUse(buf, payload + 1, length - 1) ? use(buf.toString(payload + 1, length - 1,
                    StandardCharsets.UTF_8)) : null;
            case COM_CHANGE_USER -> changeUser(buf, payload + 1, payload + length);
            default -> null;
        };
    }

    private static Change use(String sql) {
        String database = UseStatements.database(sql);
        return database == null ? null : new Change(null, database);
    }

    /**
     * The cheap test, read in place: after whitespace and comments (skipped as MySQL skips them) the
     * text starts with USE and a separator. Only then is it decoded.
     */
    static boolean mayBeUse(ByteBuf buf, int from, int length) {
        int end = from + length;
        int i = from;
        while (i < end) {
            byte b = buf.getByte(i);
            if ((b & 0xFF) <= ' ') {
                i++;
            } else if (b == '#' || b == '-' && i + 1 < end && buf.getByte(i + 1) == '-'
                    && (i + 2 == end || (buf.getByte(i + 2) & 0xFF) <= ' ')) {
                int newline = buf.indexOf(i, end, (byte) '\n');
                i = newline < 0 ? end : newline + 1;
            } else if (b == '/' && i + 2 < end && buf.getByte(i + 1) == '*') {
                if (buf.getByte(i + 2) == '!' || buf.getByte(i + 2) == 'M' && i + 3 < end && buf.getByte(i + 3) == '!') {
                    // An executable comment: the server may run a USE in it or just after it. Rare; decode and read it.
                    return true;
                }
                int close = closeOfComment(buf, i + 2, end);
                i = close < 0 ? end : close + 2;
            } else {
                break;
            }
        }
        if (end - i < 4) {
            return false;
        }
        int sep = buf.getByte(i + 3) & 0xFF;
        return (buf.getByte(i) | 0x20) == 'u' && (buf.getByte(i + 1) | 0x20) == 's' && (buf.getByte(i + 2) | 0x20) == 'e'
                && (sep <= ' ' || sep == '`' || sep == '"' || sep == '/' || sep == '#' || sep == '-');
    }

    /** The index of the {@code *}{@code /} closing a comment, searching from {@code from}, or -1. */
    private static int closeOfComment(ByteBuf buf, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (buf.getByte(i) == '*' && buf.getByte(i + 1) == '/') {
                return i;
            }
        }
        return -1;
    }

    /**
     * COM_CHANGE_USER: user NUL-terminated, the auth response after a one-byte length (every 4.1+
     * client), then the database NUL-terminated. A payload that does not read that way changes nothing
     * here; the server refuses it anyway.
     */
    private static Change changeUser(ByteBuf buf, int from, int end) {
        int userEnd = buf.indexOf(from, end, (byte) 0);
        if (userEnd < 0 || userEnd + 1 >= end) {
            return null;
        }
        int authLength = buf.getUnsignedByte(userEnd + 1);
        int dbFrom = userEnd + 2 + authLength;
        if (dbFrom > end) {
            return null;
        }
        int dbEnd = dbFrom == end ? -1 : buf.indexOf(dbFrom, end, (byte) 0);
        String user = buf.toString(from, userEnd - from, StandardCharsets.UTF_8);
        String database = dbEnd <= dbFrom ? null : buf.toString(dbFrom, dbEnd - dbFrom, StandardCharsets.UTF_8);
        return new Change(user, database);
    }
}
