package dev.sluice.cli;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/**
 * The process's standard output as commands see it: the writer picocli would make by itself (same charset, same
 * layers), installed by {@code main}, and the bytes under it for writers that copy UTF-8 through
 * ({@link #bytes}). Thread-safe.
 */
final class StandardOutput {
    private static volatile PrintWriter installed;

    private StandardOutput() {}

    /** Sets {@code cl}'s output to standard output, as picocli's own default is made. */
    static CommandLine install(CommandLine cl) {
        Charset charset = charset();
        PrintWriter out = new PrintWriter(new BufferedWriter(new OutputStreamWriter(System.out, charset)), true);
        installed = charset.equals(StandardCharsets.UTF_8) ? out : null;
        return cl.setOut(out);
    }

    /**
     * The bytes under {@code out} when it is the installed standard output and that writes UTF-8 (flushed first, so
     * bytes written now come after its text); else null: write to {@code out} itself.
     */
    static OutputStream bytes(PrintWriter out) {
        if (out == null || out != installed) {
            return null;
        }
        out.flush();
        return System.out;
    }

    /** picocli's choice ({@code CommandLine.getStdoutEncoding}): sun.stdout.encoding, else the default charset. */
    private static Charset charset() {
        String name = System.getProperty("sun.stdout.encoding");
        if (name == null) {
            return Charset.defaultCharset();
        }
        try {
            return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }
}
