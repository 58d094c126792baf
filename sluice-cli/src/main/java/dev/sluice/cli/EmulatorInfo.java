package dev.sluice.cli;

import dev.sluice.emulator.Emulator;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code --info-file} holds: URLs, and what a client needs to sign in. */
final class EmulatorInfo {
    private EmulatorInfo() {}

    static Map<String, Object> of(Emulator emulator) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("baseUrl", emulator.baseUrl());
        info.put("orgUrl", emulator.orgUrl());
        info.put("webApiUrl", emulator.webApiUrl());
        info.put("noAuth", emulator.noAuth());
        return info;
    }
}
