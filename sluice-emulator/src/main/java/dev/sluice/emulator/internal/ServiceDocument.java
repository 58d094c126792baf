package dev.sluice.emulator.internal;

import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.schema.TableDef;

/** The service document ({@code GET /api/data/v9.2/}) and {@code WhoAmI}. */
final class ServiceDocument {
    private ServiceDocument() {}

    static ApiResponse get(EmulatorContext ctx, ApiRequest request) {
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", request.baseUrl() + "$metadata");
            g.writeArrayFieldStart("value");
            for (TableDef t : ctx.store().schema().tables()) {
                g.writeStartObject();
                g.writeStringField("name", t.entitySetName());
                g.writeStringField("kind", "EntitySet");
                g.writeStringField("url", t.entitySetName());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
        return ApiResponse.json(200, body);
    }

    static ApiResponse whoAmI(ApiRequest request) {
        byte[] body = Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", request.baseUrl() + "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
            g.writeStringField("BusinessUnitId", request.caller().businessUnitId().toString());
            g.writeStringField("UserId", request.caller().userId().toString());
            g.writeStringField("OrganizationId", SampleIds.ORGANIZATION.toString());
            g.writeEndObject();
        });
        return ApiResponse.json(200, body);
    }
}
