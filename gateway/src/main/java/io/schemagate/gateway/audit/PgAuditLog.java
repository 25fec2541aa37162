package io.schemagate.gateway.audit;

import io.schemagate.gateway.state.SharedState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The audit chain in the shared state database, for several gateways writing one chain. Each append
 * is one transaction that takes an advisory lock, reads the head, and inserts the next line, so the
 * gateways' records interleave into a single valid chain; the commit (the server's own fsync) makes
 * it durable before the caller is told. Lines are byte for byte what the file sink writes, so the
 * same verifier checks both.
 */
public final class PgAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(PgAuditLog.class);
    /** Serialises appends across gateways; distinct from the schema lock. */
    private static final long CHAIN_LOCK = 0x5347_0002L;

    private final SharedState state;
    private final String gatewayId;
    private final ChainCodec codec;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "schemagate-audit-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean writable = true;

    public PgAuditLog(SharedState state, String gatewayId, byte[] hmacKey, Clock clock) {
        this.state = state;
        this.gatewayId = gatewayId;
        this.codec = new ChainCodec(hmacKey);
        this.clock = clock;
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEvent event) {
        CompletableFuture<AuditRecord> done = new CompletableFuture<>();
        if (writer.isShutdown()) {
            done.completeExceptionally(new AuditWriteException("the audit log is closed", null));
            return done;
        }
        writer.execute(() -> {
            try {
                done.complete(write(event));
                writable = true;
            } catch (SQLException | IOException | RuntimeException e) {
                writable = false;
                AuditWriteException failure = new AuditWriteException("cannot write to the shared audit chain: "
                        + e.getMessage() + "; schema changes are refused until it is writable again", e);
                log.error("{}", failure.getMessage());
                done.completeExceptionally(failure);
            }
        });
        return done;
    }

    private AuditRecord write(AuditEvent event) throws SQLException, IOException {
        try (Connection c = state.connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + CHAIN_LOCK + ")");
                long seq = 0;
                String head = AuditRecord.GENESIS;
                try (ResultSet rs = s.executeQuery("SELECT seq, line FROM schemagate_audit ORDER BY seq DESC LIMIT 1")) {
                    if (rs.next()) {
                        seq = rs.getLong(1);
                        head = ChainCodec.toRecord(ChainCodec.parse(rs.getString(2))).hash();
                    }
                }
                byte[] bytes = codec.encode(seq + 1, clock.instant(), gatewayId, event, head);
                String line = new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO schemagate_audit (seq, line) VALUES (?, ?)")) {
                    ps.setLong(1, seq + 1);
                    ps.setString(2, line);
                    ps.executeUpdate();
                }
                c.commit();
                return ChainCodec.toRecord(ChainCodec.parse(line));
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Every line of the chain in order, for verify / list / export. */
    public static List<String> lines(SharedState state) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Connection c = state.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT line FROM schemagate_audit ORDER BY seq")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return lines;
    }

    public static AuditVerifier.Result verify(SharedState state, byte[] hmacKey) throws SQLException, IOException {
        Iterator<String> it = lines(state).iterator();
        return AuditVerifier.verify(it, false, hmacKey);
    }

    @Override
    public boolean writable() {
        return writable;
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
