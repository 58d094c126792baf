package dev.sluice.bench.macro;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.dataverse.DataverseClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The smallest Sluice program, for the footprint figure: builds a {@link DataverseClient}, calls
 * {@code WhoAmI}, prints {@code ready} and idles until its standard input closes, so that the parent can
 * time start to first answer and then read the idle process's memory. With {@code --raw} it sends the same
 * request through a bare {@link HttpClient} instead (the JVM's own floor).
 * Usage: {@code java -cp sluice-bench.jar dev.sluice.bench.macro.WhoAmIProgram ORG_URL [--raw]}.
 */
public final class WhoAmIProgram {
    private WhoAmIProgram() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String org = args[0].replaceAll("/+$", "");
        if (args.length > 1 && args[1].equals("--raw")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(org + "/api/data/v9.2/WhoAmI"))
                    .header("Authorization", "Bearer footprint").header("Accept", "application/json").build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IOException("WhoAmI got HTTP " + r.statusCode());
            }
        } else {
            DataverseClient client = DataverseClient.builder().orgUrl(org)
                    .credential(StaticTokenCredential.of("footprint", "footprint")).build();
            client.whoAmI();
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // idle until the parent closes our input
        }
    }
}
