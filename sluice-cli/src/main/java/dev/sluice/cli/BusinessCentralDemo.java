package dev.sluice.cli;

import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.EmulatorIdentity;
import dev.sluice.flow.CsvRecordReader;
import dev.sluice.flow.CsvRecordWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Business Central part of {@code sluice demo --business-central}: a {@code business-central} connection to a
 * company of the emulated environment, its customers, an export to CSV, and an import of changes by customer number
 * (twice: the second changes nothing). Stateless.
 */
final class BusinessCentralDemo {
    static final String CONNECTION = "cronus";
    static final String COMPANY = "CRONUS USA, Inc.";
    /** Customers the demo changes, and adds, in the CSV it imports. */
    static final int CHANGED = 20;
    static final int ADDED = 3;

    /** Runs one command of the tour, shown with its title; the exit code. */
    interface Step {
        int run(String title, String... args);
    }

    private BusinessCentralDemo() {}

    static int tour(Emulator emulator, EmulatorIdentity id, Path home, String secretVariable, Step step,
            PrintWriter out) throws IOException {
        Path export = home.resolve("customers.csv");
        Path changes = home.resolve("customer-changes.csv");
        int code = step.run("1. Add a connection to a Business Central company (environment production)",
                "connection", "add", CONNECTION, "--kind", "business-central", "--org-url", emulator.baseUrl(),
                "--tenant", id.tenantId().toString(), "--environment", "production", "--company", COMPANY,
                "--auth", "client-secret", "--client-id", id.app("Sluice Service").orElseThrow().clientId().toString(),
                "--client-secret-env", secretVariable);
        code = code != 0 ? code : step.run("2. Authorize it: a token for https://api.businesscentral.dynamics.com, "
                + "stored encrypted", "auth", "login", CONNECTION);
        code = code != 0 ? code : step.run("3. Which companies does it see?", "connection", "test", CONNECTION);
        code = code != 0 ? code : step.run("4. A few customers of " + COMPANY, "query", CONNECTION, "customers",
                "--select", "number,displayName,city,balanceDue", "--order-by", "displayName", "--top", "5");
        code = code != 0 ? code : step.run("5. Export every customer to CSV", "export", CONNECTION, "customers", "--to",
                export.toString(), "--select", "number,displayName,phoneNumber,city,creditLimit");
        if (code != 0) {
            return code;
        }
        String first = writeChanges(export, changes);
        out.println("   Wrote " + changes.getFileName() + ": " + CHANGED + " changed phone numbers and " + ADDED
                + " new customers.");
        code = step.run("6. Import the changes: upserts by customer number (each row read first, its etag sent in "
                + "If-Match)", "import", CONNECTION, "customers", "--from", changes.toString(), "--key", "number");
        code = code != 0 ? code : step.run("7. The same import again changes nothing", "import", CONNECTION,
                "customers", "--from", changes.toString(), "--key", "number");
        code = code != 0 ? code : step.run("8. One of the changed customers", "get", CONNECTION, "customers",
                "--key", "number=" + first, "--select", "number,displayName,phoneNumber");
        code = code != 0 ? code : step.run("9. And a new one", "get", CONNECTION, "customers", "--key",
                "number=DEMO-1", "--select", "number,displayName,city");
        return code;
    }

    /** The first {@link #CHANGED} exported customers with a new phone number, and {@link #ADDED} new ones. */
    private static String writeChanges(Path export, Path target) throws IOException {
        String first = null;
        try (java.io.Reader r = Files.newBufferedReader(export, StandardCharsets.UTF_8);
                CsvRecordReader reader = new CsvRecordReader(r, export.toString());
                java.io.Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            List<String> header = reader.next();
            int phone = header.indexOf("phoneNumber");
            int number = header.indexOf("number");
            CsvRecordWriter out = new CsvRecordWriter(w);
            out.write(header);
            List<String> fields;
            int n = 0;
            while (n < CHANGED && (fields = reader.next()) != null) {
                List<String> changed = new ArrayList<>(fields);
                changed.set(phone, "+1 555 02" + String.format("%02d", n));
                first = first == null ? changed.get(number) : first;
                out.write(changed);
                n++;
            }
            for (int i = 1; i <= ADDED; i++) {
                List<String> added = new ArrayList<>(java.util.Collections.nCopies(header.size(), ""));
                added.set(number, "DEMO-" + i);
                added.set(header.indexOf("displayName"), "Demo Customer " + i);
                added.set(header.indexOf("city"), "Seattle");
                added.set(phone, "+1 555 0300");
                out.write(added);
            }
            out.flush();
        }
        return first;
    }
}
