package io.schemagate.mysql.packet;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HandshakeResponse41Test {

    static ByteBuf response(long caps, String user, byte[] auth, String db, String plugin) {
        ByteBuf b = Unpooled.buffer();
        b.writeIntLE((int) caps).writeIntLE(16 * 1024 * 1024).writeByte(45).writeZero(19).writeIntLE((int) (caps >>> 32));
        LengthEncoded.writeNulString(b, user);
        LengthEncoded.writeInt(b, auth.length);
        b.writeBytes(auth);
        if (db != null) {
            LengthEncoded.writeNulString(b, db);
        }
        LengthEncoded.writeNulString(b, plugin);
        ByteBuf attrs = Unpooled.buffer();
        for (String s : new String[]{"_client_name", "test", "program_name", "orders-service"}) {
            LengthEncoded.writeInt(attrs, s.length());
            attrs.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
        LengthEncoded.writeInt(b, attrs.readableBytes());
        b.writeBytes(attrs);
        attrs.release();
        return b;
    }

    private static final long CAPS = Capabilities.CLIENT_PROTOCOL_41 | Capabilities.CLIENT_SECURE_CONNECTION
            | Capabilities.CLIENT_PLUGIN_AUTH | Capabilities.CLIENT_PLUGIN_AUTH_LENENC_CLIENT_DATA
            | Capabilities.CLIENT_CONNECT_WITH_DB | Capabilities.CLIENT_CONNECT_ATTRS | Capabilities.CLIENT_COMPRESS
            | Capabilities.MARIADB_CLIENT_PROGRESS | Capabilities.CLIENT_DEPRECATE_EOF;

    @Test
    void decodesPrincipalFields() {
        ByteBuf b = response(CAPS, "app", new byte[]{1, 2, 3}, "shop", "mysql_native_password");
        try {
            HandshakeResponse41 r = HandshakeResponse41.decode(b);
            assertThat(r.user()).isEqualTo("app");
            assertThat(r.database()).isEqualTo("shop");
            assertThat(r.authResponse()).containsExactly(1, 2, 3);
            assertThat(r.authPluginName()).isEqualTo("mysql_native_password");
            assertThat(r.attributes()).containsEntry("program_name", "orders-service");
            assertThat(r.capabilities()).isEqualTo(CAPS);
            assertThat(b.readerIndex()).isZero();
        } finally {
            b.release();
        }
    }

    @Test
    void patchingCapabilitiesChangesOnlyThoseBytes() {
        ByteBuf b = response(CAPS, "app", new byte[20], null, "mysql_native_password");
        ByteBuf original = b.copy();
        try {
            long patched = CAPS & ~Capabilities.NEVER_RELAYED;
            HandshakeResponse41.patchCapabilities(b, patched);
            assertThat(HandshakeResponse41.capabilitiesOf(b)).isEqualTo(patched);
            assertThat(b.slice(32, b.readableBytes() - 32)).isEqualTo(original.slice(32, original.readableBytes() - 32));
            assertThat(b.slice(4, 24)).isEqualTo(original.slice(4, 24));
        } finally {
            b.release();
            original.release();
        }
    }

    @Test
    void recognisesAnSslRequest() {
        ByteBuf ssl = Unpooled.buffer().writeIntLE((int) (CAPS | Capabilities.CLIENT_SSL)).writeIntLE(0).writeByte(33).writeZero(23);
        try {
            assertThat(HandshakeResponse41.isSslRequest(ssl)).isTrue();
        } finally {
            ssl.release();
        }
    }

    @Test
    void garbageIsRefusedWithAReason() {
        ByteBuf junk = Unpooled.copiedBuffer("this is not a handshake response at all!", StandardCharsets.US_ASCII);
        try {
            assertThatThrownBy(() -> HandshakeResponse41.decode(junk)).hasMessageContaining("CLIENT_PROTOCOL_41");
        } finally {
            junk.release();
        }
    }
}
