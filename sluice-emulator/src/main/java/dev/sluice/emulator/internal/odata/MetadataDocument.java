package dev.sluice.emulator.internal.odata;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;

/**
 * Serves {@code GET {base}$metadata}: the org's CSDL XML, produced by Olingo's metadata serializer
 * from {@link CrmEdmProvider} (fact sheet §A.6). Thread-safe.
 */
public final class MetadataDocument {
    private final EmulatorContext ctx;

    public MetadataDocument(EmulatorContext ctx) {
        this.ctx = ctx;
    }

    public ApiResponse get(ApiRequest request) {
        ApiResponse r = new ApiResponse(200).body(OrgModel.of(ctx.store().schema()).csdl());
        r.header("OData-Version", "4.0");
        r.header("Content-Type", "application/xml");
        return r;
    }
}
