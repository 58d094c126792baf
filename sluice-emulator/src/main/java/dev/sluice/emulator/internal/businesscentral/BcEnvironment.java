package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One Business Central environment of the emulated tenant with its companies. Its monitor guards every company's
 * rows: requests to one environment run one at a time (the emulator is not built for load on this side).
 * Thread-safe.
 */
final class BcEnvironment {
    /** The CRONUS demo companies a new Business Central environment offers. */
    static final List<String> COMPANIES = List.of("CRONUS USA, Inc.", "CRONUS Canada, Inc.");

    private final String name;
    private final Map<UUID, BcCompany> companies = new LinkedHashMap<>();

    BcEnvironment(String name, Map<String, Integer> seed) {
        this.name = name;
        Instant created = Instant.parse("2024-01-15T09:00:00Z");
        for (String company : COMPANIES) {
            UUID id = companyId(name, company);
            ObjectNode record = BcValues.empty(BcCatalog.COMPANIES);
            record.put("id", id.toString());
            record.put("systemVersion", "24.0.16410.18056");
            record.put("timestamp", 1000 + companies.size());
            record.put("name", company);
            record.put("displayName", company);
            record.put("businessProfileId", "");
            record.put("systemCreatedAt", BcValues.dateTime(created));
            record.put("systemModifiedAt", BcValues.dateTime(created));
            BcCompany c = new BcCompany(id, company, record);
            BcSeed.fill(c, seed);
            companies.put(id, c);
        }
    }

    /** A company's id: the same for the same environment and company name in every run. */
    static UUID companyId(String environment, String company) {
        return UUID.nameUUIDFromBytes(("sluice-bc-company:" + environment.toLowerCase(Locale.ROOT) + ":" + company)
                .getBytes(StandardCharsets.UTF_8));
    }

    String name() {
        return name;
    }

    List<BcCompany> companies() {
        return new ArrayList<>(companies.values());
    }

    Optional<BcCompany> company(UUID id) {
        return Optional.ofNullable(companies.get(id));
    }

    Optional<BcCompany> companyNamed(String companyName) {
        return companies.values().stream().filter(c -> c.name().equals(companyName)).findFirst();
    }

    static ObjectNode object() {
        return Json.object();
    }
}
