package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.schemagate.mysql.packet.ServerStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.schemagate.mysql.relay.CommandTracker.ServerPacket.END_OF_RESPONSE;
import static io.schemagate.mysql.relay.CommandTracker.ServerPacket.LOCAL_INFILE_REQUEST;
import static io.schemagate.mysql.relay.CommandTracker.ServerPacket.PART;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandTrackerTest {

    private static final int IN_TRANS = ServerStatus.SERVER_STATUS_IN_TRANS;
    private static final int MORE = ServerStatus.SERVER_MORE_RESULTS_EXISTS;
    private final List<ByteBuf> frames = new ArrayList<>();

    @AfterEach
    void release() {
        frames.forEach(ByteBuf::release);
    }

    private ByteBuf frame(int seq, int... payload) {
        ByteBuf b = Unpooled.buffer().writeMediumLE(payload.length).writeByte(seq);
        for (int p : payload) {
            b.writeByte(p);
        }
        frames.add(b);
        return b;
    }

    private ByteBuf ok(int seq, int header, int status) {
        return frame(seq, header, 0, 0, status & 0xFF, status >> 8, 0, 0);
    }

    private ByteBuf eof(int seq, int status) {
        return frame(seq, 0xFE, 0, 0, status & 0xFF, status >> 8);
    }

    @Test
    void textResultSetWithEofPacketsAndTransactionState() {
        CommandTracker t = new CommandTracker(false, 0);
        assertThat(t.onClientPacket(frame(0, 0x03, 'S'))).isEqualTo(CommandTracker.ClientPacket.COMMAND);
        assertThat(t.onServerPacket(frame(1, 2))).isEqualTo(PART);
        assertThat(t.onServerPacket(frame(2, 3, 'd', 'e', 'f'))).isEqualTo(PART);
        assertThat(t.onServerPacket(frame(3, 3, 'd', 'e', 'f'))).isEqualTo(PART);
        assertThat(t.onServerPacket(eof(4, 0))).isEqualTo(PART);
        // A row whose first column is the empty string starts with 0x00, like an OK packet would.
        assertThat(t.onServerPacket(frame(5, 0, 1, 'x'))).isEqualTo(PART);
        assertThat(t.idle()).isFalse();
        assertThat(t.onServerPacket(eof(6, IN_TRANS))).isEqualTo(END_OF_RESPONSE);
        assertThat(t.idle()).isTrue();
        assertThat(t.inTransaction()).isTrue();
    }

    @Test
    void multipleResultsUnderDeprecateEof() {
        CommandTracker t = new CommandTracker(true, IN_TRANS);
        t.onClientPacket(frame(0, 0x03, 'S'));
        assertThat(t.onServerPacket(ok(1, 0x00, MORE | IN_TRANS))).isEqualTo(PART);
        assertThat(t.onServerPacket(frame(2, 1))).isEqualTo(PART);
        assertThat(t.onServerPacket(frame(3, 3, 'd', 'e', 'f'))).isEqualTo(PART);
        assertThat(t.onServerPacket(frame(4, 1, '7'))).isEqualTo(PART);
        assertThat(t.onServerPacket(ok(5, 0xFE, MORE))).isEqualTo(PART);
        assertThat(t.onServerPacket(ok(6, 0x00, 0))).isEqualTo(END_OF_RESPONSE);
        assertThat(t.inTransaction()).isFalse();
    }

    @Test
    void binaryRowsStartingWithZeroAreNotOkPackets() {
        CommandTracker t = new CommandTracker(true, 0);
        t.onClientPacket(frame(0, 0x17, 1, 0, 0, 0));
        t.onServerPacket(frame(1, 1));
        t.onServerPacket(frame(2, 3, 'd', 'e', 'f'));
        assertThat(t.onServerPacket(frame(3, 0x00, 0x00, 5, 0, 0, 0))).isEqualTo(PART);
        assertThat(t.onServerPacket(frame(4, 0x00, 0x00, 6, 0, 0, 0))).isEqualTo(PART);
        assertThat(t.onServerPacket(ok(5, 0xFE, 0))).isEqualTo(END_OF_RESPONSE);
    }

    @Test
    void prepareOkWithParametersAndColumns() {
        for (boolean deprecateEof : new boolean[]{false, true}) {
            CommandTracker t = new CommandTracker(deprecateEof, 0);
            t.onClientPacket(frame(0, 0x16, 'S'));
            // statement id 1, 1 column, 2 parameters
            assertThat(t.onServerPacket(frame(1, 0, 1, 0, 0, 0, 1, 0, 2, 0, 0, 0, 0))).isEqualTo(PART);
            t.onServerPacket(frame(2, 3, 'd', 'e', 'f'));
            int seq = 3;
            assertThat(t.onServerPacket(frame(seq++, 3, 'd', 'e', 'f'))).isEqualTo(PART);
            if (!deprecateEof) {
                assertThat(t.onServerPacket(eof(seq++, 0))).isEqualTo(PART);
            }
            CommandTracker.ServerPacket last = t.onServerPacket(frame(seq++, 3, 'd', 'e', 'f'));
            if (!deprecateEof) {
                assertThat(last).isEqualTo(PART);
                last = t.onServerPacket(eof(seq, 0));
            }
            assertThat(last).as("deprecateEof=%s", deprecateEof).isEqualTo(END_OF_RESPONSE);
            assertThat(t.idle()).isTrue();
        }
    }

    @Test
    void localInfileExchange() {
        CommandTracker t = new CommandTracker(true, 0);
        t.onClientPacket(frame(0, 0x03, 'L'));
        assertThat(t.onServerPacket(frame(1, 0xFB, 'f'))).isEqualTo(LOCAL_INFILE_REQUEST);
        assertThat(t.onClientPacket(frame(2, 'a', 'b'))).isEqualTo(CommandTracker.ClientPacket.INFILE_DATA);
        assertThat(t.onClientPacket(frame(3))).isEqualTo(CommandTracker.ClientPacket.INFILE_DATA);
        assertThat(t.onServerPacket(ok(4, 0x00, 0))).isEqualTo(END_OF_RESPONSE);
    }

    @Test
    void changeUserWithAnAuthSwitch() {
        CommandTracker t = new CommandTracker(true, 0);
        t.onClientPacket(frame(0, 0x11, 'u'));
        assertThat(t.onServerPacket(frame(1, 0xFE, 'p', 0, 1, 2))).isEqualTo(PART);
        assertThat(t.onClientPacket(frame(2, 9, 9))).isEqualTo(CommandTracker.ClientPacket.AUTH_DATA);
        assertThat(t.onServerPacket(ok(3, 0x00, 0))).isEqualTo(END_OF_RESPONSE);
    }

    @Test
    void commandsThatGetNoAnswerAndPipelinedCommands() {
        CommandTracker t = new CommandTracker(true, 0);
        t.onClientPacket(frame(0, 0x19, 1, 0, 0, 0));
        assertThat(t.idle()).isTrue();
        t.onClientPacket(frame(0, 0x0E));
        t.onClientPacket(frame(0, 0x0E));
        assertThat(t.onServerPacket(ok(1, 0, 0))).isEqualTo(END_OF_RESPONSE);
        assertThat(t.idle()).isFalse();
        assertThat(t.onServerPacket(ok(1, 0, 0))).isEqualTo(END_OF_RESPONSE);
        assertThat(t.idle()).isTrue();
    }

    @Test
    void aResponseReadInOneRunIsFollowedInPlace() {
        // Two result sets (the first says more follow) and long lenenc fields in the OK packets, all in
        // one buffer behind some unrelated bytes, walked frame by frame by index as the relay does.
        ByteBuf run = Unpooled.buffer().writeBytes(new byte[]{9, 9, 9});
        int[][] packets = {
                {2},
                {3, 'd', 'e', 'f'}, {3, 'd', 'e', 'f'},
                {0, 1, 'x'},
                {0xFE, 0xFC, 0x10, 0x27, 0xFD, 1, 2, 3, MORE | IN_TRANS, 0, 0, 0},
                {0x00, 0xFE, 1, 2, 3, 4, 5, 6, 7, 8, 0, IN_TRANS, 0, 0, 0},
        };
        for (int i = 0; i < packets.length; i++) {
            run.writeMediumLE(packets[i].length).writeByte(i + 1);
            for (int p : packets[i]) {
                run.writeByte(p);
            }
        }
        frames.add(run);
        CommandTracker t = new CommandTracker(true, 0);
        t.onClientPacket(frame(0, 0x03, 'S'));
        List<CommandTracker.ServerPacket> events = new ArrayList<>();
        for (int at = 3; at < run.writerIndex(); at += io.schemagate.mysql.frame.Packets.frameLength(run, at)) {
            events.add(t.onServerPacket(run, at));
        }
        assertThat(events).containsExactly(PART, PART, PART, PART, PART, END_OF_RESPONSE);
        assertThat(t.inTransaction()).isTrue();
        assertThat(t.idle()).isTrue();
    }

    @Test
    void wrongSequenceIdsAreViolations() {
        CommandTracker t = new CommandTracker(true, 0);
        assertThatThrownBy(() -> t.onClientPacket(frame(2, 0x03, 'S')))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("a command starts at 0");
        CommandTracker u = new CommandTracker(true, 0);
        u.onClientPacket(frame(0, 0x03, 'L'));
        u.onServerPacket(frame(1, 0xFB, 'f'));
        assertThatThrownBy(() -> u.onClientPacket(frame(5, 'a')))
                .isInstanceOf(ProtocolViolation.class).hasMessageContaining("where 2 was due");
    }
}
