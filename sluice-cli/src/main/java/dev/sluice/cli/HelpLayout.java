package dev.sluice.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How {@code --help} is laid out: as wide as the terminal ({@code COLUMNS}, else the terminal's width, else 80
 * columns), prose in the footer re-flowed to that width, and example lines (indented lines of the footer) printed
 * exactly as written, never wrapped, so they can be copied. The width is found only when help is printed, so
 * other commands do not pay for it. Stateless.
 */
final class HelpLayout {
    /** picocli's default and the width used when nothing says otherwise (e.g. help piped into a file). */
    static final int DEFAULT_WIDTH = 80;
    /** picocli refuses narrower usage help (UsageMessageSpec.MINIMUM_USAGE_WIDTH). */
    private static final int MINIMUM_WIDTH = 55;

    private HelpLayout() {}

    /** Installs the layout on {@code cmd} and every subcommand. */
    static CommandLine install(CommandLine cmd, CliEnvironment env) {
        cmd.setHelpFactory((spec, colors) -> {
            spec.usageMessage().width(width(env));
            return new Help(spec, colors);
        });
        java.util.Map<String, CommandLine.IHelpSectionRenderer> sections = cmd.getHelpSectionMap();
        sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
        cmd.setHelpSectionMap(sections);
        return cmd;
    }

    /** The help width: {@code COLUMNS}, else the terminal's, else {@value #DEFAULT_WIDTH}; at least picocli's 55. */
    static int width(CliEnvironment env) {
        String columns = env.variables().get("COLUMNS");
        int width = DEFAULT_WIDTH;
        if (columns != null && columns.strip().matches("\\d{1,4}")) {
            width = Integer.parseInt(columns.strip());
        } else if (env.terminal()) {
            OptionalInt detected = TerminalWidth.detect();
            width = detected.orElse(DEFAULT_WIDTH);
        }
        return Math.max(MINIMUM_WIDTH, width);
    }

    /** The footer: example (indented) lines as written, runs of prose lines re-flowed to the width. */
    static String footer(Help help) {
        UsageMessageSpec usage = help.commandSpec().usageMessage();
        List<String> lines = new ArrayList<>();
        for (String text : usage.footer()) {
            for (String line : text.replace("%n", "\n").replace("%%", "%").split("\n", -1)) {
                lines.add(line);
            }
        }
        StringBuilder out = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        for (String line : lines) {
            boolean prose = !line.isBlank() && !Character.isWhitespace(line.charAt(0)) && !line.endsWith(":");
            if (prose) {
                paragraph.append(paragraph.length() == 0 ? "" : " ").append(line.strip());
                continue;
            }
            flush(paragraph, usage.width(), out);
            out.append(line.stripTrailing()).append(System.lineSeparator());
        }
        flush(paragraph, usage.width(), out);
        return out.toString();
    }

    private static void flush(StringBuilder paragraph, int width, StringBuilder out) {
        if (paragraph.length() == 0) {
            return;
        }
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.toString().split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.append(line).append(System.lineSeparator());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        out.append(line).append(System.lineSeparator());
        paragraph.setLength(0);
    }
}
