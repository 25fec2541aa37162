package io.schemagate.gateway.staging;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An application writing to a table all the time on its own connection straight to the server:
 * one INSERT of a new row and one UPDATE of an existing row per round. It counts failed writes and
 * keeps the longest statement time, which is how long any lock the migration took made it wait.
 */
final class Writer implements AutoCloseable {

    /** Opens the writer's connection. */
    interface Connect {
        Connection open() throws SQLException;
    }

    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicLong rounds = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    /**
     * @param table     the table, with columns {@code id} (primary key) and {@code qty}
     * @param firstId   the first id it inserts (above every existing row)
     * @param existing  ids 1..existing exist and are updated in turn
     */
    Writer(Connect connect, String table, long firstId, long existing) {
        thread = new Thread(() -> {
            try (Connection c = connect.open(); Statement s = c.createStatement()) {
                long id = firstId;
                while (!stop.get()) {
                    timed(s, "INSERT INTO " + table + " (id, qty) VALUES (" + id + ", 1)");
                    timed(s, "UPDATE " + table + " SET qty = qty + 1 WHERE id = " + (1 + id % existing));
                    id++;
                    rounds.incrementAndGet();
                }
            } catch (SQLException e) {
                failures.incrementAndGet();
                errors.add("writer connection: " + e.getMessage());
            }
        }, "writer-" + table);
        thread.start();
    }

    private void timed(Statement s, String sql) {
        long start = System.nanoTime();
        try {
            s.execute(sql);
        } catch (SQLException e) {
            failures.incrementAndGet();
            if (errors.size() < 20) {
                errors.add(e.getSQLState() + " " + e.getMessage());
            }
        }
        maxNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
    }

    long rounds() {
        return rounds.get();
    }

    long failures() {
        return failures.get();
    }

    java.util.List<String> errors() {
        return java.util.List.copyOf(errors);
    }

    long maxLatencyMillis() {
        return maxNanos.get() / 1_000_000;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        thread.join(30_000);
    }
}
