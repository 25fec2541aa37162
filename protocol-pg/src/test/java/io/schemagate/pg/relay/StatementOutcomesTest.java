package io.schemagate.pg.relay;

import io.schemagate.pg.message.backend.TransactionStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which {@code DO} command tag stands for a statement the gate wrapped in a DO block. */
class StatementOutcomesTest {

    private StatementOutcomes outcomes;

    @BeforeEach
    void startedUp() {
        outcomes = new StatementOutcomes();
        // The ReadyForQuery that ends the startup phase.
        outcomes.readyForQueryHidden(TransactionStatus.IDLE);
    }

    private String shown(String serverTag) {
        if (!outcomes.wantsTags()) {
            return serverTag;
        }
        String r = outcomes.replacementTag(serverTag);
        return r == null ? serverTag : r;
    }

    @Test
    void aWrappedParseIsShownWithItsOwnTagAndOthersAreNot() {
        // pgjdbc batch: Parse/Bind/Execute of a client DO, of a wrapped ALTER, of a SELECT, then Sync.
        outcomes.parseSent(null, null);
        outcomes.parseSent(null, "ALTER TABLE");
        outcomes.parseSent(null, null);
        outcomes.requestSent(true, null);
        outcomes.parseComplete();
        assertThat(shown("DO")).as("the client's own DO").isEqualTo("DO");
        outcomes.parseComplete();
        assertThat(shown("DO")).isEqualTo("ALTER TABLE");
        outcomes.parseComplete();
        assertThat(shown("SELECT 1")).isEqualTo("SELECT 1");
        assertThat(outcomes.readyForQueryHidden(TransactionStatus.IDLE)).isFalse();
        assertThat(outcomes.wantsTags()).isFalse();
    }

    @Test
    void aParseSkippedByAnEarlierErrorArmsNothingInTheNextRequest() {
        outcomes.parseSent(null, null);
        outcomes.parseSent(null, "CREATE TABLE");
        outcomes.requestSent(true, null);
        // The first Parse fails: no ParseComplete at all until ReadyForQuery.
        outcomes.errorHidden("42601");
        outcomes.readyForQueryHidden(TransactionStatus.IDLE);
        outcomes.parseSent(null, null);
        outcomes.requestSent(true, null);
        outcomes.parseComplete();
        assertThat(shown("DO")).isEqualTo("DO");
    }

    @Test
    void aPreparedStatementExecutedWithoutAParseIsNotReplaced() {
        outcomes.parseSent(null, "ALTER TABLE");
        outcomes.requestSent(true, null);
        outcomes.parseComplete();
        assertThat(shown("DO")).isEqualTo("ALTER TABLE");
        outcomes.readyForQueryHidden(TransactionStatus.IDLE);
        // Bind/Execute/Sync of the same named statement.
        outcomes.requestSent(true, null);
        assertThat(shown("DO")).isEqualTo("DO");
    }

    @Test
    void aWrappedQueryShowsItsTagAfterTheHiddenResults() {
        outcomes.requestSent(false, null);
        outcomes.guard(1, 1, "DO ...; DO ...", "ALTER TABLE");
        assertThat(outcomes.hideCommandComplete()).isTrue();
        assertThat(outcomes.hideCommandComplete()).isFalse();
        assertThat(shown("DO")).isEqualTo("ALTER TABLE");
        outcomes.readyForQueryHidden(TransactionStatus.IN_TRANSACTION);
        outcomes.requestSent(false, null);
        assertThat(shown("DO")).as("the next Query is the client's own").isEqualTo("DO");
    }
}
