package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.UUID;

/**
 * Creates, updates and deletes entities the way Business Central's API pages do: a new entity gets an id and, when
 * the body has none, the next number of its series; a number already taken is {@code Internal_EntityWithSameKeyExists};
 * a PATCH needs {@code If-Match} (the entity's {@code @odata.etag} or {@code *}) and a stale one is 409
 * {@code Request_EntityChanged}; a DELETE checks {@code If-Match} only when given. Read-only and unknown properties
 * are refused. Callers hold the environment's lock. Stateless apart from the clock.
 */
final class BcWrites {
    private final Clock clock;

    BcWrites(Clock clock) {
        this.clock = clock;
    }

    BcRow create(BcCompany company, BcEntitySet set, byte[] body, UUID parentOrder) {
        writable(set, "POST");
        ObjectNode values = BcValues.empty(set);
        apply(set, values, parse(body));
        if (parentOrder != null) {
            values.put("documentId", parentOrder.toString());
        }
        UUID id = UUID.randomUUID();
        values.put("id", id.toString());
        if (set.numberField() != null) {
            String number = values.get(set.numberField()).asText();
            if (number.isEmpty()) {
                do {
                    number = company.nextNumber(set);
                } while (taken(company, set, number, null));
                values.put(set.numberField(), number);
            } else if (taken(company, set, number, null)) {
                throw BcErrors.sameKey(set, number);
            }
        }
        if (set == BcCatalog.SALES_ORDER_LINES) {
            line(company, values);
        }
        if (set == BcCatalog.SALES_ORDERS) {
            customerOf(company, values);
            values.put("status", "Draft");
        }
        touch(values);
        BcRow row = new BcRow(id, values, 1);
        company.rows(set).put(id, row);
        return row;
    }

    BcRow update(BcCompany company, BcEntitySet set, UUID id, byte[] body, String ifMatch) {
        writable(set, "PATCH");
        BcRow row = find(company, set, id);
        if (ifMatch == null || ifMatch.isBlank()) {
            throw BcErrors.missingIfMatch();
        }
        checkEtag(row, ifMatch);
        ObjectNode values = row.values().deepCopy();
        apply(set, values, parse(body));
        if (set.numberField() != null && taken(company, set, values.get(set.numberField()).asText(), id)) {
            throw BcErrors.sameKey(set, values.get(set.numberField()).asText());
        }
        if (set == BcCatalog.SALES_ORDER_LINES) {
            line(company, values);
        }
        if (set == BcCatalog.SALES_ORDERS) {
            customerOf(company, values);
        }
        touch(values);
        row.replace(values);
        return row;
    }

    void delete(BcCompany company, BcEntitySet set, UUID id, String ifMatch) {
        writable(set, "DELETE");
        BcRow row = find(company, set, id);
        if (ifMatch != null && !ifMatch.isBlank()) {
            checkEtag(row, ifMatch);
        }
        company.rows(set).remove(id);
        if (set == BcCatalog.SALES_ORDERS) {
            BcReads.linesOf(company, id).forEach(l -> company.rows(BcCatalog.SALES_ORDER_LINES).remove(l.id()));
        }
    }

    static BcRow find(BcCompany company, BcEntitySet set, UUID id) {
        BcRow row = company.rows(set).get(id);
        if (row == null) {
            throw BcErrors.notFound("The " + set.tableCaption() + " does not exist. Identification fields and values: "
                    + "Id='{" + id.toString().toUpperCase(java.util.Locale.ROOT) + "}'");
        }
        return row;
    }

    private static void writable(BcEntitySet set, String method) {
        if (!set.writable()) {
            throw BcErrors.methodNotAllowed(method, set.name());
        }
    }

    private static void checkEtag(BcRow row, String ifMatch) {
        String given = ifMatch.trim();
        if (!given.equals("*") && !given.equals(row.etag())) {
            throw BcErrors.changed();
        }
    }

    private static ObjectNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw BcErrors.badRequest("BadRequest", "Invalid Request Body");
        }
        try {
            JsonNode n = Json.MAPPER.readTree(body);
            if (n instanceof ObjectNode o) {
                return o;
            }
        } catch (java.io.IOException e) {
            // answered below
        }
        throw BcErrors.badRequest("BadRequest", "Invalid Request Body");
    }

    private static void apply(BcEntitySet set, ObjectNode target, ObjectNode body) {
        Iterator<Map.Entry<String, JsonNode>> it = body.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String name = e.getKey();
            if (name.startsWith("@")) {
                continue; // annotations such as @odata.etag travel with entities read before
            }
            BcField f = set.field(name).orElseThrow(() -> BcErrors.badRequest("BadRequest", "The property '" + name
                    + "' does not exist on type 'Microsoft.NAV." + set.entityType() + "'. Make sure to only use "
                    + "property names that are defined by the type."));
            if (f.readOnly() || (f.name().equals("documentId") && target.get("id") != null
                    && !target.get("id").asText().equals(BcValues.EMPTY_GUID)
                    && !target.get("documentId").asText().equals(e.getValue().asText()))) {
                throw BcErrors.badRequest("BadRequest_InvalidOperation", "Control '" + f.name() + "' is read-only.");
            }
            target.set(name, BcValues.accept(set, f, e.getValue()));
        }
    }

    private static boolean taken(BcCompany company, BcEntitySet set, String number, UUID except) {
        return company.rows(set).values().stream().anyMatch(r -> !r.id().equals(except)
                && r.values().get(set.numberField()).asText().equalsIgnoreCase(number));
    }

    /** A sales order's customer, by id or number; the names follow from it. */
    private static void customerOf(BcCompany company, ObjectNode order) {
        String id = order.get("customerId").asText();
        String number = order.get("customerNumber").asText();
        BcRow customer = company.list(BcCatalog.CUSTOMERS).stream().filter(c -> (!id.equals(BcValues.EMPTY_GUID)
                && c.id().toString().equals(id)) || (id.equals(BcValues.EMPTY_GUID) && !number.isEmpty()
                && c.values().get("number").asText().equals(number))).findFirst().orElse(null);
        if (customer == null) {
            if (id.equals(BcValues.EMPTY_GUID) && number.isEmpty()) {
                return;
            }
            throw BcErrors.badRequest("Internal_RecordNotFound", "The Customer does not exist. Identification fields "
                    + "and values: No.='" + number + "'");
        }
        order.put("customerId", customer.id().toString());
        order.put("customerNumber", customer.values().get("number").asText());
        order.put("customerName", customer.values().get("displayName").asText());
        order.put("billToCustomerId", customer.id().toString());
        order.put("billToCustomerNumber", customer.values().get("number").asText());
        order.put("billToName", customer.values().get("displayName").asText());
    }

    /** A sales order line: its order must exist; sequence and amounts follow. */
    private static void line(BcCompany company, ObjectNode line) {
        String doc = line.get("documentId").asText();
        BcRow order = doc.equals(BcValues.EMPTY_GUID) ? null
                : company.rows(BcCatalog.SALES_ORDERS).get(UUID.fromString(doc));
        if (order == null) {
            throw BcErrors.badRequest("Internal_RecordNotFound", "The Sales Header does not exist. Identification "
                    + "fields and values: Document Type='Order',Id='{" + doc + "}'");
        }
        if (line.get("sequence").asInt() == 0) {
            int max = BcReads.linesOf(company, order.id()).stream()
                    .mapToInt(l -> l.values().get("sequence").asInt()).max().orElse(0);
            line.put("sequence", max + 10000);
        }
        BigDecimal amount = line.get("quantity").decimalValue().multiply(line.get("unitPrice").decimalValue())
                .subtract(line.get("discountAmount").decimalValue());
        line.put("amountExcludingTax", amount);
        line.put("amountIncludingTax", amount);
        line.put("netAmount", amount);
    }

    private void touch(ObjectNode values) {
        if (values.has("lastModifiedDateTime")) {
            values.put("lastModifiedDateTime", BcValues.dateTime(clock.instant()));
        }
    }
}
