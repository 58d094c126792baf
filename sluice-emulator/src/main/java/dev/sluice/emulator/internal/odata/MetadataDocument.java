package dev.sluice.emulator.internal.odata;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;

/** Serves {@code $metadata} (CSDL XML). */
public final class MetadataDocument {
    private final EmulatorContext ctx;

    public MetadataDocument(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse get(ApiRequest request) {
        throw new ApiException(501, "0x80040315", "not implemented yet");
    }
}
