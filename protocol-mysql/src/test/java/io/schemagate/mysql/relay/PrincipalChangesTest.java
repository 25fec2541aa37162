package io.schemagate.mysql.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.schemagate.policy.Principal;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class PrincipalChangesTest {

    private static final Principal BEFORE = new Principal("app", "scratch", "10.0.0.7", "cli", null);

    /** A frame with sequence id 0 holding the command byte and then {@code body}. */
    private static ByteBuf frame(int command, byte[] body) {
        ByteBuf b = Unpooled.buffer();
        b.writeMediumLE(1 + body.length).writeByte(0).writeByte(command).writeBytes(body);
        return b;
    }

    private static PrincipalChanges.Change of(int command, String text) {
        ByteBuf f = frame(command, text.getBytes(StandardCharsets.UTF_8));
        try {
            return PrincipalChanges.of(f, 0);
        } finally {
            f.release();
        }
    }

    @Test
    void initDbAndUseChangeTheDatabase() {
        assertThat(of(0x02, "shop").applyTo(BEFORE)).isEqualTo(new Principal("app", "shop", "10.0.0.7", "cli", null));
        assertThat(of(0x03, "USE shop").database()).isEqualTo("shop");
        assertThat(of(0x03, "  use `sh op`;").database()).isEqualTo("sh op");
        assertThat(of(0x03, "/* c */ USE shop").database()).isEqualTo("shop");
        assertThat(of(0x03, "--\nUSE\u000Bshop").database()).isEqualTo("shop");
        assertThat(of(0x03, " ".repeat(5000) + "USE shop").database()).isEqualTo("shop");
    }

    @Test
    void executableCommentsAreReadAsTheServerRunsThem() {
        assertThat(of(0x03, "/*!USE shop*/").database()).isEqualTo("shop");
        assertThat(of(0x03, "/*M!100000 USE shop*/").database()).isEqualTo("shop");
        assertThat(of(0x03, "/*!99999 x*/ USE prod").database()).isEqualTo("prod");
        assertThat(of(0x03, "/*!*/ SELECT 1")).isNull();
    }

    @Test
    void otherQueriesChangeNothingAndAreNotDecodedPastTheirFirstBytes() {
        assertThat(of(0x03, "UPDATE t SET a = 1")).isNull();
        assertThat(of(0x03, "USER()")).isNull();
        assertThat(of(0x03, "USE shop; DROP TABLE t")).isNull();
        assertThat(of(0x0E, "")).isNull();
        ByteBuf update = Unpooled.copiedBuffer("UPDATE t SET a = 1", StandardCharsets.UTF_8);
        assertThat(PrincipalChanges.mayBeUse(update, 0, update.readableBytes())).isFalse();
        update.release();
    }

    @Test
    void changeUserNamesTheUserAndTheDatabase() {
        ByteBuf body = Unpooled.buffer();
        body.writeBytes("alice".getBytes(StandardCharsets.UTF_8)).writeByte(0);
        body.writeByte(20).writeZero(20);
        body.writeBytes("shop".getBytes(StandardCharsets.UTF_8)).writeByte(0);
        body.writeShortLE(45).writeBytes("mysql_native_password".getBytes(StandardCharsets.UTF_8)).writeByte(0);
        byte[] bytes = new byte[body.readableBytes()];
        body.readBytes(bytes);
        body.release();
        ByteBuf f = frame(0x11, bytes);
        PrincipalChanges.Change change = PrincipalChanges.of(f, 0);
        f.release();
        assertThat(change.applyTo(BEFORE)).isEqualTo(new Principal("alice", "shop", "10.0.0.7", "cli", null));
    }

    @Test
    void changeUserWithoutADatabaseLeavesNone() {
        byte[] body = "bob\0\0\0".getBytes(StandardCharsets.UTF_8);
        ByteBuf f = frame(0x11, body);
        PrincipalChanges.Change change = PrincipalChanges.of(f, 0);
        f.release();
        assertThat(change.user()).isEqualTo("bob");
        assertThat(change.database()).isNull();
    }
}
