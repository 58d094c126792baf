package dev.sluice.emulator.internal.identity.directory;

import java.io.InputStream;
import java.util.UUID;

/**
 * The built-in directory ({@code default-directory.yaml}): the demo tenant, the Sluice CLI (public),
 * Sluice Server (confidential web app), Sluice Service (client credentials, application user) and
 * the demo users. The ids here must match the YAML. Stateless.
 */
public final class DemoDirectory {
    public static final UUID TENANT = UUID.fromString("7e1a5c3d-0d4b-4f6e-9a2c-5b8d1e3f7a90");
    public static final String DOMAIN = "demo.sluice.dev";
    public static final UUID CLI_CLIENT = UUID.fromString("0c5a1d2e-4b3f-4c6a-9d8e-1f2a3b4c5d6e");
    public static final UUID WEB_CLIENT = UUID.fromString("1d6b2e3f-5c4a-4d7b-8e9f-2a3b4c5d6e7f");
    public static final String WEB_SECRET = "sluice-demo-web-secret";
    public static final UUID SERVICE_CLIENT = UUID.fromString("2e7c3f4a-6d5b-4e8c-9fa0-3b4c5d6e7f80");
    public static final String SERVICE_SECRET = "sluice-demo-service-secret";
    public static final String DEMO_UPN = "dana@demo.sluice.dev";
    public static final String SECOND_UPN = "sam@demo.sluice.dev";
    public static final String PASSWORD = "sluice-demo-password";

    private DemoDirectory() {}

    public static Directory load() {
        InputStream in = DemoDirectory.class.getResourceAsStream("/dev/sluice/emulator/internal/identity/default-directory.yaml");
        if (in == null) {
            throw new IllegalStateException("default-directory.yaml is missing from the emulator jar");
        }
        return DirectoryFile.read(in, "(built-in)");
    }
}
