package io.schemagate.policy.ddl.pg;

import io.schemagate.policy.ServerVersion;
import io.schemagate.policy.ddl.AnalyzedStatement;
import io.schemagate.policy.ddl.StatementClass;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Without libpg_query the analyser still answers: DDL is UNKNOWN with the install hint, nothing crashes. */
class PgMissingLibraryTest {

    private static final PgQueryLibrary MISSING = PgQueryLibrary.load("/nonexistent/libpg_query.so");

    @Test
    void statusSaysWhatIsMissingAndHowToInstallIt() {
        assertThat(MISSING.status().available()).isFalse();
        assertThat(MISSING.status().message()).contains("libpg_query").contains("apt-get install libpg-query1504.0")
                .contains(PgQueryLibrary.PATH_PROPERTY);
    }

    @Test
    void ddlIsUnknownAndPlainStatementsAreStillClassified() {
        PgAnalyzer analyzer = new PgAnalyzer(ServerVersion.DEFAULT_POSTGRESQL, MISSING);
        List<AnalyzedStatement> all = analyzer.analyze("BEGIN; SET lock_timeout = '1s'; SELECT 1; ALTER TABLE t ADD c int; "
                + "DO $$ BEGIN END $$; COMMIT");
        assertThat(all).extracting(AnalyzedStatement::statementClass).containsExactly(StatementClass.TRANSACTION_CONTROL,
                StatementClass.SESSION, StatementClass.NOT_DDL, StatementClass.UNKNOWN, StatementClass.UNKNOWN,
                StatementClass.TRANSACTION_CONTROL);
        assertThat(all.get(3).unknownReason()).contains("apt-get install libpg-query1504.0");
    }

    @Test
    void overridePathLoadsTheLibraryByFileName() {
        // The override is taken as given; the versioned soname resolves through the loader's search path.
        assertThat(PgQueryLibrary.load(PgQueryLibrary.VERSIONED_NAME).status().available()).isTrue();
    }
}
