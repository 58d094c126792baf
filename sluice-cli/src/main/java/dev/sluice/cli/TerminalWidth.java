package dev.sluice.cli;

import java.util.OptionalInt;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The width of the terminal the process runs on, through JLine (which the progress bar brings). Stateless. */
final class TerminalWidth {
    private TerminalWidth() {}

    static OptionalInt detect() {
        try (Terminal t = TerminalBuilder.builder().system(true).dumb(true).build()) {
            int w = t.getWidth();
            return w >= 20 ? OptionalInt.of(w) : OptionalInt.empty();
        } catch (Exception e) {
            return OptionalInt.empty();
        }
    }
}
