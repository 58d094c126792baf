package dev.sluice.emulator.internal.admin;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;

/** Serves the emulator's own admin API under {@code /_emulator/}: faults, stats, request log. */
public final class AdminHandler {
    public AdminHandler() {}

    public ApiResponse handle(ApiRequest request) {
        return ApiResponse.text(404, "text/plain", "no such admin path");
    }
}
