package dev.sluice.emulator.internal.metadata;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.ResourcePath;

/** Serves {@code EntityDefinitions} (and its Attributes, Keys) metadata queries. */
public final class DefinitionsHandler {
    private final EmulatorContext ctx;

    public DefinitionsHandler(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse handle(ApiRequest request, ResourcePath path) {
        throw new ApiException(501, "0x80040315", "not implemented yet");
    }
}
