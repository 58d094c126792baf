package dev.sluice.emulator.internal.batch;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.schema.TableDef;
import dev.sluice.emulator.internal.write.RowWrites;

/** Serves the bulk messages CreateMultiple, UpdateMultiple and UpsertMultiple. */
public final class BulkHandler {
    private final EmulatorContext ctx;
    private final RowWrites writes;

    public BulkHandler(EmulatorContext ctx, RowWrites writes) {
        this.ctx = ctx;
        this.writes = writes;
    }

    /** {@code action} is the unqualified name, e.g. {@code CreateMultiple}. */
    public ApiResponse handle(ApiRequest request, TableDef table, String action) {
        throw new ApiException(501, "0x80040315", "not implemented yet");
    }
}
