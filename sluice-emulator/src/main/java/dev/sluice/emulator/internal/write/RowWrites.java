package dev.sluice.emulator.internal.write;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.query.ReadHandler;
import dev.sluice.emulator.internal.schema.TableDef;

/** Creates, updates, upserts and deletes rows from Web API JSON bodies. Thread-safe. */
public final class RowWrites {
    private final EmulatorContext ctx;
    private final ReadHandler reads;

    public RowWrites(EmulatorContext ctx, ReadHandler reads) {
        this.ctx = ctx;
        this.reads = reads;
    }

    public ApiResponse create(ApiRequest request, TableDef table) {
        throw todo();
    }

    public ApiResponse patch(ApiRequest request, TableDef table, String keyText) {
        throw todo();
    }

    public ApiResponse delete(ApiRequest request, TableDef table, String keyText) {
        throw todo();
    }

    public ApiResponse putProperty(ApiRequest request, TableDef table, ResourcePath path) {
        throw todo();
    }

    public ApiResponse deleteProperty(ApiRequest request, TableDef table, ResourcePath path) {
        throw todo();
    }

    public ApiResponse associate(ApiRequest request, ResourcePath path, TableDef table) {
        throw todo();
    }

    public ApiResponse setReference(ApiRequest request, ResourcePath path, TableDef table) {
        throw todo();
    }

    public ApiResponse removeReference(ApiRequest request, ResourcePath path, TableDef table) {
        throw todo();
    }

    private static ApiException todo() {
        return new ApiException(501, "0x80040315", "not implemented yet");
    }
}
