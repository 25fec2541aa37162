package io.schemagate.pg.relay;

import io.schemagate.pg.message.backend.ErrorResponse;
import io.schemagate.pg.message.frontend.StartupMessage;
import io.schemagate.policy.gate.StatementGate;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GatedStatementsTest {

    private static GatedStatements gated() {
        PgSession session = new PgSession("c1", "127.0.0.1:1", new StartupMessage(196608, Map.of("user", "u")), false, null);
        return new GatedStatements(null, StatementGate.PASS_THROUGH, session);
    }

    @Test
    void serverErrorsWithoutARefusalTokenAreRelayedAsTheyAre() {
        ErrorResponse server = ErrorResponse.of("ERROR", "42601", "syntax error at or near \"schemagate_refused_1\"", null, null);
        assertThat(gated().replaceServerError(server)).as("no refusal registered").isNull();
    }

    @Test
    void messageWithoutTheTokenIsNotReplaced() {
        ErrorResponse server = ErrorResponse.of("ERROR", "42P01", "relation \"x\" does not exist", null, null);
        assertThat(gated().replaceServerError(server)).isNull();
    }

    @Test
    void tokenIsReadWholeFromTheServersMessageInAnyLanguage() {
        // schemagate_refused_1 must not be taken for schemagate_refused_12.
        assertThat(GatedStatements.tokenIn("syntax error at or near \"schemagate_refused_12\""))
                .isEqualTo("schemagate_refused_12");
        assertThat(GatedStatements.tokenIn("Syntaxfehler bei »schemagate_refused_3«")).isEqualTo("schemagate_refused_3");
        assertThat(GatedStatements.tokenIn("syntax error at or near \"schemagate_refused_\"")).isNull();
        assertThat(GatedStatements.tokenIn(null)).isNull();
    }
}
