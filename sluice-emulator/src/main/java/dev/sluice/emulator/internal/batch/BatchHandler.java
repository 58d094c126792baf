package dev.sluice.emulator.internal.batch;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Handler;

/** Serves {@code POST $batch}: multipart/mixed with change sets. */
public final class BatchHandler {
    private final EmulatorContext ctx;
    private final Handler dispatcher;

    /** {@code dispatcher} runs one authenticated part request (no limits, no auth). */
    public BatchHandler(EmulatorContext ctx, Handler dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    public ApiResponse handle(ApiRequest request) {
        throw new ApiException(501, "0x80040315", "not implemented yet");
    }
}
