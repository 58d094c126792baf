package dev.sluice.cli;

import java.util.OptionalInt;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The width of the terminal the process runs on, through JLine (which the progress bar brings). Stateless. */
final class TerminalWidth {
    private static final Logger LOG = LoggerFactory.getLogger(TerminalWidth.class);
    private TerminalWidth() {}

    static OptionalInt detect() {
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            int w = t.getWidth();
            return w >= 20 ? OptionalInt.of(w) : OptionalInt.empty();
        } catch (Exception e) {
            // no terminal to ask (JLine cannot open it): the caller uses the default width
            LOG.debug("cannot read the terminal width", e);
            return OptionalInt.empty();
        }
    }
}
