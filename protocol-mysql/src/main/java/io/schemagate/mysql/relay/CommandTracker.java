package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.schemagate.mysql.frame.Packets;
import io.schemagate.mysql.packet.Command;
import io.schemagate.mysql.packet.ErrPacket;
import io.schemagate.mysql.packet.LengthEncoded;
import io.schemagate.mysql.packet.ServerStatus;

import java.util.ArrayDeque;

/**
 * Follows the command phase by packet headers and first bytes only: which client packet starts a
 * command, where each response ends, the sequence ids the client must use, and the server's
 * SERVER_STATUS_IN_TRANS. Rows are never decoded. Pipelined commands queue up and are answered in order.
 */
public final class CommandTracker {

    /** What a client packet is. */
    public enum ClientPacket { COMMAND, CONTINUATION, INFILE_DATA, AUTH_DATA }

    /** What a server packet means to the relay. */
    public enum ServerPacket { PART, LOCAL_INFILE_REQUEST, END_OF_RESPONSE }

    private enum Phase {
        IDLE, FIRST, COLUMNS, COLUMNS_EOF, ROWS, PREPARE_PARAMS, PREPARE_PARAMS_EOF, PREPARE_COLUMNS,
        PREPARE_COLUMNS_EOF, SINGLE, UNTIL_EOF, INFILE, AUTH, UNTRACKED
    }

    private final boolean deprecateEof;
    /** Pipelined commands behind the current one; made on first use, as most clients never pipeline. */
    private ArrayDeque<Command> queued;
    private Command current;
    private Phase phase = Phase.IDLE;
    private long remaining;
    private int prepareColumns;
    private boolean clientContinues;
    private boolean serverContinues;
    private boolean awaitingClientReply;
    private int expectedClientSeq;
    private int lastServerSeq;
    private boolean inTransaction;

    public CommandTracker(boolean deprecateEof, int initialStatus) {
        this.deprecateEof = deprecateEof;
        this.inTransaction = (initialStatus & ServerStatus.SERVER_STATUS_IN_TRANS) != 0;
    }

    /** Classifies a client packet and checks its sequence id; throws {@link ProtocolViolation} when wrong. */
    public ClientPacket onClientPacket(ByteBuf frame) {
        return onClientPacket(frame, frame.readerIndex());
    }

    /** {@link #onClientPacket(ByteBuf)} for the frame at index {@code at} of a run, read in place. */
    public ClientPacket onClientPacket(ByteBuf buf, int at) {
        int seq = Packets.sequenceId(buf, at);
        boolean continues = Packets.continues(buf, at);
        ClientPacket kind;
        if (clientContinues) {
            expect(seq, "the next part of a message longer than 16 MiB");
            kind = phase == Phase.INFILE ? ClientPacket.INFILE_DATA : ClientPacket.CONTINUATION;
        } else if (phase == Phase.INFILE && noneQueued()) {
            expect(seq, "LOAD DATA LOCAL INFILE content");
            kind = ClientPacket.INFILE_DATA;
            if (Packets.payloadLength(buf, at) == 0) {
                // The empty packet ends the file; the server answers with OK or ERR.
                phase = Phase.FIRST;
            }
        } else if (awaitingClientReply && noneQueued()) {
            expect(seq, "an authentication reply");
            awaitingClientReply = false;
            kind = ClientPacket.AUTH_DATA;
        } else {
            if (seq != 0 && phase != Phase.UNTRACKED) {
                throw new ProtocolViolation(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER,
                        "client sent a command with sequence id " + seq + "; a command starts at 0");
            }
            kind = ClientPacket.COMMAND;
            expectedClientSeq = (seq + 1) & 0xFF;
            start(Command.of(Packets.firstByte(buf, at)));
        }
        clientContinues = continues;
        return kind;
    }

    private void expect(int seq, String what) {
        if (phase != Phase.UNTRACKED && seq != expectedClientSeq) {
            throw new ProtocolViolation(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER, "client sent " + what
                    + " with sequence id " + seq + " where " + expectedClientSeq + " was due");
        }
        expectedClientSeq = (seq + 1) & 0xFF;
    }

    private void start(Command command) {
        if (phase == Phase.UNTRACKED) {
            return;
        }
        if (command.response() == Command.Response.NONE) {
            return;
        }
        if (command.response() == Command.Response.UNTRACKED) {
            queued = null;
            current = command;
            phase = Phase.UNTRACKED;
            return;
        }
        if (phase == Phase.IDLE) {
            begin(command);
        } else {
            if (queued == null) {
                queued = new ArrayDeque<>();
            }
            queued.add(command);
        }
    }

    private void begin(Command command) {
        current = command;
        phase = switch (command.response()) {
            case RESULT -> Phase.FIRST;
            case PREPARE -> Phase.PREPARE_PARAMS;
            case SINGLE -> Phase.SINGLE;
            case UNTIL_EOF -> Phase.UNTIL_EOF;
            case AUTH -> Phase.AUTH;
            case NONE, UNTRACKED -> throw new IllegalStateException("no response to follow for " + command);
        };
        remaining = -1;
    }

    /** Follows one server packet. */
    public ServerPacket onServerPacket(ByteBuf frame) {
        return onServerPacket(frame, frame.readerIndex());
    }

    /**
     * {@link #onServerPacket(ByteBuf)} for the frame at index {@code at} of a run. Everything is read
     * in place: rows and column definitions are only counted by their first byte, and the few fields
     * read (column count, status flags) are read where they lie, so following a response allocates
     * nothing.
     */
    public ServerPacket onServerPacket(ByteBuf buf, int at) {
        lastServerSeq = Packets.sequenceId(buf, at);
        boolean continuation = serverContinues;
        serverContinues = Packets.continues(buf, at);
        if (continuation || phase == Phase.UNTRACKED || phase == Phase.IDLE) {
            return ServerPacket.PART;
        }
        int first = Packets.firstByte(buf, at);
        int payload = at + Packets.HEADER_SIZE;
        int length = Packets.payloadLength(buf, at);
        boolean terminator = first == ServerStatus.EOF && !serverContinues;
        switch (phase) {
            case FIRST -> {
                if (first == ServerStatus.OK) {
                    return endOrMore(ServerStatus.ofOk(buf, payload, length));
                } else if (first == ErrPacket.HEADER) {
                    return finish();
                } else if (first == 0xFB) {
                    phase = Phase.INFILE;
                    expectedClientSeq = (lastServerSeq + 1) & 0xFF;
                    return ServerPacket.LOCAL_INFILE_REQUEST;
                }
                remaining = LengthEncoded.getInt(buf, payload);
                phase = Phase.COLUMNS;
            }
            case COLUMNS -> {
                if (--remaining == 0) {
                    phase = deprecateEof ? Phase.ROWS : Phase.COLUMNS_EOF;
                }
            }
            case COLUMNS_EOF -> {
                int status = status(ServerStatus.ofEof(buf, payload, length));
                boolean cursor = (status & ServerStatus.SERVER_STATUS_CURSOR_EXISTS) != 0;
                if (cursor && current == Command.COM_STMT_EXECUTE) {
                    // COM_STMT_EXECUTE with a cursor: the rows come later, through COM_STMT_FETCH.
                    return finish();
                }
                phase = Phase.ROWS;
            }
            case ROWS -> {
                if (first == ErrPacket.HEADER) {
                    return finish();
                }
                if (terminator) {
                    return endOrMore(deprecateEof ? ServerStatus.ofOk(buf, payload, length)
                            : ServerStatus.ofEof(buf, payload, length));
                }
            }
            case PREPARE_PARAMS -> {
                if (remaining < 0) {
                    if (first != ServerStatus.OK) {
                        return finish();
                    }
                    // COM_STMT_PREPARE_OK: 0x00, statement_id int<4>, num_columns int<2>, num_params int<2>.
                    prepareColumns = buf.getUnsignedShortLE(payload + 5);
                    remaining = buf.getUnsignedShortLE(payload + 7);
                    return remaining > 0 ? ServerPacket.PART : columnsOrFinish();
                }
                if (--remaining == 0) {
                    if (deprecateEof) {
                        return columnsOrFinish();
                    }
                    phase = Phase.PREPARE_PARAMS_EOF;
                }
            }
            case PREPARE_PARAMS_EOF -> {
                return columnsOrFinish();
            }
            case PREPARE_COLUMNS -> {
                if (--remaining == 0) {
                    if (deprecateEof) {
                        return finish();
                    }
                    phase = Phase.PREPARE_COLUMNS_EOF;
                }
            }
            case PREPARE_COLUMNS_EOF, SINGLE -> {
                if (first == ServerStatus.OK && current != Command.COM_STATISTICS) {
                    status(ServerStatus.ofOk(buf, payload, length));
                } else if (first == ServerStatus.EOF) {
                    status(ServerStatus.ofEof(buf, payload, length));
                }
                return finish();
            }
            case UNTIL_EOF -> {
                if (first == ErrPacket.HEADER) {
                    return finish();
                }
                if (terminator) {
                    status(deprecateEof && current == Command.COM_STMT_FETCH
                            ? ServerStatus.ofOk(buf, payload, length) : ServerStatus.ofEof(buf, payload, length));
                    return finish();
                }
            }
            case AUTH -> {
                if (first == ServerStatus.OK) {
                    status(ServerStatus.ofOk(buf, payload, length));
                    return finish();
                } else if (first == ErrPacket.HEADER) {
                    return finish();
                }
                // Auth switch (0xFE) or auth more data (0x01) wait for a client reply, except
                // caching_sha2_password's fast-auth success (0x01 0x03), which an OK follows.
                boolean fastAuthOk = first == 0x01 && length == 2 && buf.getByte(payload + 1) == 0x03;
                if (!fastAuthOk) {
                    awaitingClientReply = true;
                    expectedClientSeq = (lastServerSeq + 1) & 0xFF;
                }
            }
            case INFILE -> throw new ProtocolViolation(ErrPacket.ER_NET_PACKETS_OUT_OF_ORDER,
                    "server sent a packet while the client was sending LOAD DATA LOCAL content");
            default -> throw new IllegalStateException("unhandled phase " + phase);
        }
        return ServerPacket.PART;
    }

    private ServerPacket columnsOrFinish() {
        if (prepareColumns == 0) {
            return finish();
        }
        remaining = prepareColumns;
        phase = Phase.PREPARE_COLUMNS;
        return ServerPacket.PART;
    }

    private ServerPacket endOrMore(int status) {
        status(status);
        if ((status & ServerStatus.SERVER_MORE_RESULTS_EXISTS) != 0) {
            phase = Phase.FIRST;
            return ServerPacket.PART;
        }
        return finish();
    }

    private int status(int status) {
        inTransaction = (status & ServerStatus.SERVER_STATUS_IN_TRANS) != 0;
        return status;
    }

    private ServerPacket finish() {
        awaitingClientReply = false;
        Command next = noneQueued() ? null : queued.poll();
        if (next == null) {
            phase = Phase.IDLE;
            current = null;
        } else {
            begin(next);
        }
        return ServerPacket.END_OF_RESPONSE;
    }

    /**
     * Forgets the command started last, which the gateway answered itself without the server (a
     * refused statement), so its response is not waited for.
     */
    public void abandonLastCommand() {
        if (phase == Phase.UNTRACKED) {
            return;
        }
        if (!noneQueued()) {
            queued.removeLast();
        } else {
            phase = Phase.IDLE;
            current = null;
        }
    }

    /** The session is inside a transaction, as the last OK or EOF packet said. */
    public boolean inTransaction() {
        return inTransaction;
    }

    /** Responses still due: the one being read and those of commands queued behind it. */
    public int responsesDue() {
        return (phase == Phase.IDLE || phase == Phase.UNTRACKED ? 0 : 1) + (queued == null ? 0 : queued.size());
    }

    /** No response is due: a gateway-made answer to a new command may be sent now. */
    public boolean idle() {
        return phase == Phase.IDLE && noneQueued();
    }

    private boolean noneQueued() {
        return queued == null || queued.isEmpty();
    }

    /** The server is waiting for the client's next authentication packet (COM_CHANGE_USER). */
    public boolean awaitingAuthReply() {
        return awaitingClientReply;
    }

    /** Sequence id of the last server packet, so a gateway-made packet can follow it. */
    public int lastServerSequenceId() {
        return lastServerSeq;
    }

    /** Sequence id the next client packet of the current exchange must carry. */
    public int expectedClientSequenceId() {
        return expectedClientSeq;
    }

    /** Following responses was given up (replication stream or unknown command). */
    public boolean untracked() {
        return phase == Phase.UNTRACKED;
    }
}
