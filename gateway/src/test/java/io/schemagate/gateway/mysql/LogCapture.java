package io.schemagate.gateway.mysql;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Collects what one logger writes, so a test can check that a disconnect was logged with its reason. */
final class LogCapture implements AutoCloseable {

    private final Logger logger;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
        @Override
        protected void append(ILoggingEvent e) {
            messages.add(e.getFormattedMessage());
        }
    };

    LogCapture(String loggerName) {
        logger = (Logger) LoggerFactory.getLogger(loggerName);
        appender.start();
        logger.addAppender(appender);
    }

    List<String> messages() {
        return List.copyOf(messages);
    }

    /** Waits (bounded) until a message containing {@code text} was logged; returns it, or null. */
    String await(String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (String m : messages) {
                if (m.contains(text)) {
                    return m;
                }
            }
            Thread.sleep(20);
        }
        return null;
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
