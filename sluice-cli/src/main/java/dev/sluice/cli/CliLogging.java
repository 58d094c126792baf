package dev.sluice.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The runnable jar's logging, set up in code: warnings and errors to standard error as
 * {@code HH:mm:ss.SSS LEVEL logger - message}, the same as {@code logback.xml} says. Logback otherwise parses that
 * XML with Joran on the first log call of a run (a store open logs one), which loaded about 500 classes and cost a
 * short command about 0.4 s of its start. A configuration named by {@code -Dlogback.configurationFile}, or a
 * {@code logback-test.xml} on the class path (tests), is still read as before. Found by logback's service loader
 * ({@code META-INF/services}); one per logger context.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {
    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || CliLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code %d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n}, and the stack trace of an exception. */
    static final class Line extends LayoutBase<ILoggingEvent> {
        private final TargetLengthBasedClassNameAbbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(20);

        @Override
        public String doLayout(ILoggingEvent event) {
            LocalTime t = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
            StringBuilder b = new StringBuilder(128);
            two(b, t.getHour()).append(':');
            two(b, t.getMinute()).append(':');
            two(b, t.getSecond()).append('.');
            int ms = t.getNano() / 1_000_000;
            b.append(ms < 100 ? (ms < 10 ? "00" : "0") : "").append(ms).append(' ');
            String level = event.getLevel().toString();
            b.append(level).append(" ".repeat(Math.max(0, 5 - level.length()))).append(' ');
            b.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ").append(event.getFormattedMessage())
                    .append(System.lineSeparator());
            if (event.getThrowableProxy() != null) {
                b.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append(System.lineSeparator());
            }
            return b.toString();
        }

        private static StringBuilder two(StringBuilder b, int n) {
            return b.append(n < 10 ? "0" : "").append(n);
        }
    }
}
