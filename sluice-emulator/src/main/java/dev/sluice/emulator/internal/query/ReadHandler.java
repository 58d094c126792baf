package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.TableDef;

/** Answers every GET on an entity set path (collections, rows, properties, navigation, counts). */
public final class ReadHandler {
    private final EmulatorContext ctx;

    public ReadHandler(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    /** GET on a path whose first segment is {@code table}'s entity set. */
    public ApiResponse get(ApiRequest request, ResourcePath path, TableDef table) {
        throw new ApiException(501, "0x80040315", "not implemented yet");
    }

    /** The JSON body of one row for {@code Prefer: return=representation}, honouring {@code $select}. */
    public byte[] representation(ApiRequest request, TableDef table, Row row) {
        throw new ApiException(501, "0x80040315", "not implemented yet");
    }
}
