package dev.sluice.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ReadinessLogTest {
    private final Logger logger = (Logger) LoggerFactory.getLogger(ReadinessLogTest.class.getName() + ".probe");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final ReadinessLog log = new ReadinessLog(logger);

    @BeforeEach
    void capture() {
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
    }

    private List<String> logged() {
        return events.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void probesWhileTheDatabaseIsDownForOneReasonWarnOnce() {
        for (int i = 0; i < 5; i++) {
            log.notReady("INTERNAL: the database does not answer (connection refused)");
        }
        assertThat(logged()).containsExactly("WARN not ready: INTERNAL: the database does not answer (connection refused)");
    }

    @Test
    void aNewReasonIsWarnedAndRecoveryIsSaidOnce() {
        log.ready();
        log.notReady("closed");
        log.notReady("closed");
        log.notReady("lock timeout");
        log.notReady("lock timeout");
        log.ready();
        log.ready();
        log.notReady("closed");
        assertThat(logged()).containsExactly("WARN not ready: closed", "WARN not ready: lock timeout",
                "INFO ready again: the store's database answers", "WARN not ready: closed");
        assertThat(events.list).extracting(ILoggingEvent::getLevel)
                .containsExactly(Level.WARN, Level.WARN, Level.INFO, Level.WARN);
    }
}
