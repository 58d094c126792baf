package dev.sluice.cli;

import dev.sluice.emulator.Emulator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code --info-file} holds: URLs, and what a client needs to sign in (the identity platform's
 * authority, tenant, apps and users, with the demo secrets revealed). Stateless.
 */
final class EmulatorInfo {
    private EmulatorInfo() {}

    static Map<String, Object> of(Emulator emulator) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", emulator.baseUrl());
        info.put("orgUrl", emulator.orgUrl());
        info.put("webApiUrl", emulator.webApiUrl());
        info.put("businessCentralApiUrl", emulator.businessCentralApiUrl("production"));
        info.put("noAuth", emulator.noAuth());
        // the demo directory's sign-in details (public demo values), so a client in another process can
        // get tokens: authority, tenant, apps with their secrets, users with their passwords
        info.put("identity", emulator.identity().info().toInfo());
        return info;
    }
}
