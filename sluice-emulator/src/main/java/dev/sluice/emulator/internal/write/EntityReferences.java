package dev.sluice.emulator.internal.write;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.data.KeyResolver;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ResourcePath;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves entity references as clients write them in {@code @odata.bind} and {@code @odata.id}:
 * {@code /contacts(guid)}, {@code contacts(guid)}, an absolute URL, or an alternate key form
 * {@code /accounts(accountnumber='A-1')}. Stateless; call under the store's lock.
 */
final class EntityReferences {
    private static final Pattern SERVICE_ROOT = Pattern.compile("^(?:https?://[^/]+)?/?api/data/v9\\.[012]/");

    /** A resolved reference: the table and the existing row's id. */
    record Ref(TableDef table, UUID id) {}

    private EntityReferences() {}

    static Ref resolve(OrgStore store, String reference, String property) {
        if (reference == null || reference.isBlank()) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "The value of '" + property + "' must be an entity reference such as '/accounts(<guid>)'.");
        }
        String path = reference.trim();
        Matcher m = SERVICE_ROOT.matcher(path);
        if (m.find()) {
            path = path.substring(m.end());
        } else if (path.startsWith("http://") || path.startsWith("https://")) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "The entity reference in '" + property + "' is not a URL of this service.");
        } else if (path.startsWith("/")) {
            path = path.substring(1);
        }
        ResourcePath rp = ResourcePath.parse(path);
        if (rp.size() != 1 || !rp.get(0).hasKey()) {
            throw ApiException.badRequest(DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "The entity reference in '" + property + "' must name one record, e.g. '/accounts(<guid>)'.");
        }
        TableDef table = store.schema().tableBySet(rp.get(0).name());
        if (table == null) {
            throw new ApiException(400, DataverseErrorCodes.CLIENT_PAYLOAD_ERROR,
                    "Resource not found for the segment '" + rp.get(0).name() + "' in '" + property + "'.");
        }
        KeyResolver.ResolvedKey key = KeyResolver.resolve(store, table, rp.get(0).key());
        if (key.id() == null || store.get(table, key.id()) == null) {
            if (key.byAlternateKey()) {
                throw ApiException.notFound(DataverseErrorCodes.RECORD_NOT_FOUND_BY_ENTITY_KEY,
                        "A record with the specified key values does not exist in " + table.logicalName()
                                + " entity");
            }
            throw KeyResolver.notFound(table, key.id().toString());
        }
        return new Ref(table, key.id());
    }
}
