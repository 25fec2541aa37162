package io.schemagate.gateway.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The default audit sink: one JSON line per record in a local file, hash-chained, fsync'd before a
 * record is acknowledged.
 *
 * <p>One writer thread owns the file. It takes every event queued so far, writes them, and forces
 * the file once for the whole group (group commit), so concurrent DDL from many sessions costs one
 * fsync, not one each. If a write or the force fails (a full disk, a read-only file) the file is cut
 * back to its length before the group, every event of the group fails, and the chain continues from
 * the last durable record: nothing half-written stays behind.
 */
public final class FileAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(FileAuditLog.class);
    private static final Pending STOP = new Pending(null, null);

    private final Path file;
    private final String gatewayId;
    private final ChainCodec codec;
    private final Clock clock;
    private final FileChannel channel;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean writable = true;
    private volatile boolean closed;
    private long seq;
    private String head;

    private record Pending(AuditEvent event, CompletableFuture<AuditRecord> done) {
    }

    private FileAuditLog(Path file, String gatewayId, byte[] hmacKey, Clock clock) throws IOException {
        this.file = file;
        this.gatewayId = gatewayId;
        this.codec = new ChainCodec(hmacKey);
        this.clock = clock;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        recoverTail();
        this.writer = new Thread(this::writeLoop, "schemagate-audit-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Opens (or creates) the log at {@code file}.
     *
     * @param hmacKey the key that signs the chain, or null for an unkeyed log
     */
    public static FileAuditLog open(Path file, String gatewayId, byte[] hmacKey, Clock clock) {
        try {
            return new FileAuditLog(file, gatewayId, hmacKey, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the audit log " + file + ": " + e.getMessage()
                    + "; check that the directory exists and is writable by the gateway", e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public CompletableFuture<AuditRecord> append(AuditEvent event) {
        CompletableFuture<AuditRecord> done = new CompletableFuture<>();
        if (closed) {
            done.completeExceptionally(new AuditWriteException("the audit log " + file + " is closed", null));
            return done;
        }
        queue.add(new Pending(event, done));
        return done;
    }

    @Override
    public boolean writable() {
        return writable;
    }

    /**
     * Finds the last complete record to continue the chain from. A last line without its newline is
     * a record whose write was cut short (a crash mid-write); it was never acknowledged, so it is cut
     * off rather than chained onto.
     */
    private void recoverTail() throws IOException {
        long size = channel.size();
        if (size == 0) {
            seq = 0;
            head = AuditRecord.GENESIS;
            return;
        }
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        if (one.get(0) != '\n') {
            long lastNewline = findPreviousNewline(size - 1);
            log.warn("audit log {} ends with an incomplete record ({} bytes after the last complete line); "
                    + "it was never acknowledged and is removed", file, size - lastNewline - 1);
            channel.truncate(lastNewline + 1);
            channel.force(true);
            end = lastNewline + 1;
            if (end == 0) {
                seq = 0;
                head = AuditRecord.GENESIS;
                return;
            }
        }
        long start = findPreviousNewline(end - 2) + 1;
        ByteBuffer lastLine = ByteBuffer.allocate((int) (end - 1 - start));
        channel.read(lastLine, start);
        String line = new String(lastLine.array(), StandardCharsets.UTF_8);
        AuditRecord last = ChainCodec.toRecord(ChainCodec.parse(line));
        String body = ChainCodec.hashedBody(line);
        if (body == null || !ChainCodec.sha256(body).equals(last.hash())) {
            throw new IOException("the last record of " + file + " (seq " + last.seq()
                    + ") does not match its hash; run 'schemagate audit verify --log " + file + "' before writing to it");
        }
        seq = last.seq();
        head = last.hash();
    }

    /** Position of the newline at or before {@code pos}, or -1 when there is none. */
    private long findPreviousNewline(long pos) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long p = pos;
        while (p >= 0) {
            long from = Math.max(0, p - buf.capacity() + 1);
            buf.clear().limit((int) (p - from + 1));
            channel.read(buf, from);
            for (int i = (int) (p - from); i >= 0; i--) {
                if (buf.get(i) == '\n') {
                    return from + i;
                }
            }
            p = from - 1;
        }
        return -1;
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>();
        while (true) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(group);
            boolean stop = group.remove(STOP);
            if (!group.isEmpty()) {
                writeGroup(group);
            }
            group.clear();
            if (stop) {
                List<Pending> late = new ArrayList<>();
                queue.drainTo(late);
                AuditWriteException closedFailure = new AuditWriteException("the audit log " + file + " is closed", null);
                late.forEach(p -> p.done().completeExceptionally(closedFailure));
                return;
            }
        }
    }

    private void writeGroup(List<Pending> group) {
        long seqBefore = seq;
        String headBefore = head;
        long sizeBefore = -1;
        List<AuditRecord> records = new ArrayList<>(group.size());
        try {
            sizeBefore = channel.size();
            long position = sizeBefore;
            for (Pending p : group) {
                Instant now = clock.instant();
                byte[] line = codec.encode(seq + 1, now, gatewayId, p.event(), head);
                ByteBuffer buf = ByteBuffer.wrap(line);
                while (buf.hasRemaining()) {
                    position += channel.write(buf, position);
                }
                AuditRecord record = ChainCodec.toRecord(ChainCodec.parse(new String(line, StandardCharsets.UTF_8)));
                records.add(record);
                seq = record.seq();
                head = record.hash();
            }
            // fdatasync: the data and the file length are durable before anyone is told so.
            channel.force(false);
        } catch (IOException | RuntimeException e) {
            seq = seqBefore;
            head = headBefore;
            rollBack(sizeBefore, e);
            writable = false;
            AuditWriteException failure = new AuditWriteException("cannot write to the audit log " + file + ": "
                    + e.getMessage() + "; schema changes are refused until it is writable again", e);
            log.error("{}", failure.getMessage());
            group.forEach(p -> p.done().completeExceptionally(failure));
            return;
        }
        writable = true;
        for (int i = 0; i < group.size(); i++) {
            group.get(i).done().complete(records.get(i));
        }
    }

    private void rollBack(long sizeBefore, Exception cause) {
        if (sizeBefore < 0) {
            return;
        }
        try {
            if (channel.size() > sizeBefore) {
                channel.truncate(sizeBefore);
                channel.force(true);
            }
        } catch (IOException e) {
            cause.addSuppressed(e);
            log.error("audit log {}: could not cut back a failed write to {} bytes: {}; "
                    + "'schemagate audit verify' will show the damaged tail", file, sizeBefore, e.getMessage());
        }
    }

    /** Writes what is queued, then closes the file. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            log.warn("closing the audit log {} failed: {}", file, e.getMessage());
        }
    }
}
