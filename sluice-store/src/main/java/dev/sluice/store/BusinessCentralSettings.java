package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where in Business Central a {@code business-central} connection works: the environment (production, a sandbox,
 * or any named one) and the company, by name or id, or every company of the environment. Immutable and thread-safe.
 *
 * @param environment the environment's name as the Business Central admin center shows it, e.g. {@code production}
 * @param company the company's name ({@code CRONUS USA, Inc.}) or id (a GUID); null for every company
 */
public record BusinessCentralSettings(String environment, String company) {
    /** The environment a new tenant gets. */
    public static final String PRODUCTION = "production";
    /**
     * Business Central environment names: letters, digits, '-' and '_', at most 30 characters (the admin center's
     * rule for new environments).
     */
    private static final Pattern ENVIRONMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,29}");
    /** Business Central: a company name is Text[30]. */
    private static final int COMPANY_MAX = 30;

    public BusinessCentralSettings {
        environment = environment == null || environment.isBlank() ? PRODUCTION : environment.strip();
        if (!ENVIRONMENT.matcher(environment).matches()) {
            throw Checks.invalid("environment '" + environment.replaceAll("\\p{Cntrl}", "?") + "' is not a Business "
                    + "Central environment name: use 1-30 letters, digits, '-' or '_' (e.g. production, sandbox, "
                    + "us-test)");
        }
        if (company != null) {
            company = company.strip();
            if (company.isEmpty() || company.equalsIgnoreCase("all") || company.equals("*")) {
                company = null;
            } else if ((company.length() > COMPANY_MAX && !isGuid(company))
                    || company.chars().anyMatch(Character::isISOControl)) {
                throw Checks.invalid("company '" + company.replaceAll("\\p{Cntrl}", "?") + "' is not valid: give the "
                        + "company's name (at most 30 characters) or its id, or 'all' for every company");
            }
        }
    }

    private static boolean isGuid(String text) {
        return text.matches("[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");
    }

    /** Every company of the environment. */
    public static BusinessCentralSettings allCompanies(String environment) {
        return new BusinessCentralSettings(environment, null);
    }

    /** Whether the connection works with every company of the environment. */
    public boolean allCompaniesSelected() {
        return company == null;
    }

    /** The company's id, when it was given as one. */
    public Optional<UUID> companyId() {
        return company == null || !isGuid(company) ? Optional.empty()
                : Optional.of(UUID.fromString(company.toLowerCase(Locale.ROOT)));
    }

    /** What people read: {@code production / CRONUS USA, Inc.} or {@code production / all companies}. */
    public String describe() {
        return environment + " / " + (company == null ? "all companies" : company);
    }
}
