package dev.sluice.store;

import dev.sluice.testclock.MutableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests a {@link Fixtures} parameter that opens stores on H2 (a temp home) or on the run-wide embedded
 * PostgreSQL (a fresh database per fixture). Everything opened is closed when the test ends.
 */
final class StoreExtension implements ParameterResolver {
    /** The clock every fixture starts at. */
    static final String START = "2026-03-01T09:00:00Z";

    /** Creates fixtures for one test. */
    static final class Fixtures {
        private final ExtensionContext context;

        Fixtures(ExtensionContext context) {
            this.context = context;
        }

        /** A fresh database of this backend with its own home directory and clock. */
        StoreFixture create(Backend backend) {
            try {
                Path home = Files.createTempDirectory("sluice-home");
                return StoreFixture.create(backend, home, MutableClock.startingAt(START), context);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The run-wide PostgreSQL server. */
        EmbeddedPostgresServer postgres() {
            return StoreFixture.postgres(context);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Fixtures.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new Fixtures(context);
    }
}
