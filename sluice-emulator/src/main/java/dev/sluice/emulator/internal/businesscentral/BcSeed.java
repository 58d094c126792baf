package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.Json;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Generates a company's rows: the same counts give the same rows (ids, numbers, names, amounts), so a test or demo
 * can name them. Customers are numbered {@code 10000, 20000, …} as in the CRONUS demo company. Stateless.
 */
final class BcSeed {
    /** Rows per entity set when the emulator is started without {@code bc.*} seed counts. */
    static final Map<String, Integer> DEFAULTS = Map.of("customers", 20, "vendors", 10, "items", 15, "contacts", 10,
            "salesOrders", 5, "purchaseInvoices", 5, "generalLedgerEntries", 20);

    private static final List<String> FIRST = List.of("Adatum", "Trey", "School of Fine Art", "Alpine Ski", "Relecloud",
            "Coho Winery", "Fabrikam", "Litware", "Northwind", "Tailspin", "Wide World", "Proseware", "Woodgrove",
            "Contoso", "Lamna", "Humongous", "Margie's", "Consolidated", "Graphic Design", "VanArsdel");
    private static final List<String> SECOND = List.of("Corporation", "Research", "Inc.", "Traders", "Holdings",
            "Importers", "Supplies", "Partners");
    private static final List<String> CITIES = List.of("Atlanta", "Chicago", "Miami", "Seattle", "Toronto", "Boston",
            "Denver", "Vancouver");
    private static final List<String> PRODUCTS = List.of("ATHENS Desk", "PARIS Guest Chair", "TOKYO Guest Chair",
            "MEXICO Swivel Chair", "MUNICH Swivel Chair", "ROME Guest Chair", "AMSTERDAM Lamp", "BERLIN Guest Chair",
            "LONDON Swivel Chair", "SEOUL Guest Chair", "ANTWERP Conference Table", "Bicycle", "Touring Bicycle",
            "Front Hub", "Rear Hub");
    private static final Instant MODIFIED = Instant.parse("2024-05-01T08:00:00Z");

    private BcSeed() {}

    static UUID id(UUID company, String set, int n) {
        return UUID.nameUUIDFromBytes(("sluice-bc:" + company + ":" + set + ":" + n).getBytes(StandardCharsets.UTF_8));
    }

    static void fill(BcCompany company, Map<String, Integer> counts) {
        Random random = new Random(company.id().getMostSignificantBits());
        int customers = counts.getOrDefault("customers", 0);
        for (int i = 1; i <= customers; i++) {
            ObjectNode c = base(company, BcCatalog.CUSTOMERS, i);
            c.put("number", Integer.toString(i * 10000));
            c.put("displayName", name(i));
            c.put("type", i % 5 == 0 ? "Person" : "Company");
            address(c, random, i);
            c.put("phoneNumber", "+1 555 01" + String.format("%02d", i % 100));
            c.put("email", "sales" + i + "@" + FIRST.get(i % FIRST.size()).toLowerCase().replaceAll("[^a-z]", "")
                    + ".example.com");
            c.put("website", "");
            c.put("salespersonCode", i % 2 == 0 ? "JO" : "PS");
            c.put("balanceDue", money(random, 5000));
            c.put("creditLimit", BigDecimal.valueOf((i % 4) * 10000L));
            c.put("taxLiable", i % 3 != 0);
            c.put("taxAreaDisplayName", "");
            c.put("taxRegistrationNumber", "");
            c.put("currencyCode", "USD");
            c.put("blocked", " ");
            put(company, BcCatalog.CUSTOMERS, c);
        }
        for (int i = 1; i <= counts.getOrDefault("vendors", 0); i++) {
            ObjectNode v = base(company, BcCatalog.VENDORS, i);
            v.put("number", Integer.toString(i * 10000));
            v.put("displayName", FIRST.get((i + 7) % FIRST.size()) + " " + SECOND.get((i + 3) % SECOND.size()));
            address(v, random, i + 3);
            v.put("phoneNumber", "+1 555 02" + String.format("%02d", i % 100));
            v.put("email", "ap" + i + "@vendor.example.com");
            v.put("website", "");
            v.put("taxRegistrationNumber", "");
            v.put("currencyCode", "USD");
            v.put("irs1099Code", "");
            v.put("taxLiable", true);
            v.put("blocked", " ");
            v.put("balance", money(random, 8000));
            put(company, BcCatalog.VENDORS, v);
        }
        for (int i = 1; i <= counts.getOrDefault("items", 0); i++) {
            ObjectNode it = base(company, BcCatalog.ITEMS, i);
            it.put("number", Integer.toString(1890 + i * 10) + "-S");
            it.put("displayName", PRODUCTS.get((i - 1) % PRODUCTS.size()) + (i > PRODUCTS.size() ? " " + i : ""));
            it.put("type", i % 7 == 0 ? "Service" : "Inventory");
            it.put("itemCategoryCode", i % 2 == 0 ? "CHAIR" : "TABLE");
            it.put("blocked", false);
            it.put("gtin", "");
            it.put("inventory", BigDecimal.valueOf(random.nextInt(200)));
            it.put("unitPrice", money(random, 900));
            it.put("priceIncludesTax", false);
            it.put("unitCost", money(random, 500));
            it.put("taxGroupCode", "FURNITURE");
            it.put("baseUnitOfMeasureCode", "PCS");
            it.put("generalProductPostingGroupCode", "RETAIL");
            it.put("inventoryPostingGroupCode", "RESALE");
            put(company, BcCatalog.ITEMS, it);
        }
        for (int i = 1; i <= counts.getOrDefault("contacts", 0); i++) {
            ObjectNode ct = base(company, BcCatalog.CONTACTS, i);
            ct.put("number", "CT" + String.format("%06d", i * 10));
            ct.put("type", "Person");
            ct.put("displayName", List.of("Jim Glynn", "Mark Hanson", "Ian Deberry", "Robert Townes", "Jesse Homer",
                    "Meagan Bond", "Alex Darrow", "Kevin Wright").get((i - 1) % 8) + (i > 8 ? " " + i : ""));
            ct.put("companyNumber", "");
            ct.put("companyName", name(i));
            ct.put("contactBusinessRelation", "Customer");
            address(ct, random, i + 5);
            ct.put("phoneNumber", "+1 555 03" + String.format("%02d", i % 100));
            ct.put("mobilePhoneNumber", "");
            ct.put("email", "contact" + i + "@example.com");
            ct.put("website", "");
            ct.put("searchName", ct.get("displayName").asText().toUpperCase());
            ct.put("privacyBlocked", false);
            ct.put("taxRegistrationNumber", "");
            ct.put("lastInteractionDate", LocalDate.of(2024, 4, 1 + i % 28).toString());
            put(company, BcCatalog.CONTACTS, ct);
        }
        List<BcRow> customerRows = company.list(BcCatalog.CUSTOMERS);
        List<BcRow> itemRows = company.list(BcCatalog.ITEMS);
        for (int i = 1; i <= counts.getOrDefault("salesOrders", 0) && !customerRows.isEmpty(); i++) {
            ObjectNode o = base(company, BcCatalog.SALES_ORDERS, i);
            ObjectNode customer = customerRows.get((i - 1) % customerRows.size()).values();
            o.put("number", "S-ORD" + String.format("%06d", 101000 + i));
            o.put("externalDocumentNumber", "");
            o.put("orderDate", LocalDate.of(2024, 4, i % 28 + 1).toString());
            o.put("postingDate", LocalDate.of(2024, 4, i % 28 + 1).toString());
            o.put("customerId", customer.get("id").asText());
            o.put("customerNumber", customer.get("number").asText());
            o.put("customerName", customer.get("displayName").asText());
            o.put("billToName", customer.get("displayName").asText());
            o.put("billToCustomerId", customer.get("id").asText());
            o.put("billToCustomerNumber", customer.get("number").asText());
            o.put("currencyCode", "USD");
            o.put("pricesIncludeTax", false);
            o.put("partialShipping", true);
            o.put("discountAmount", BigDecimal.ZERO);
            o.put("fullyShipped", false);
            o.put("status", "Open");
            BigDecimal total = BigDecimal.ZERO;
            for (int l = 1; l <= 2 && !itemRows.isEmpty(); l++) {
                ObjectNode item = itemRows.get((i + l) % itemRows.size()).values();
                ObjectNode line = base(company, BcCatalog.SALES_ORDER_LINES, i * 100 + l);
                BigDecimal qty = BigDecimal.valueOf(1 + random.nextInt(9));
                BigDecimal price = item.get("unitPrice").decimalValue();
                BigDecimal amount = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
                line.put("documentId", o.get("id").asText());
                line.put("sequence", l * 10000);
                line.put("itemId", item.get("id").asText());
                line.put("lineType", "Item");
                line.put("lineObjectNumber", item.get("number").asText());
                line.put("description", item.get("displayName").asText());
                line.put("unitOfMeasureCode", "PCS");
                line.put("quantity", qty);
                line.put("unitPrice", price);
                line.put("discountAmount", BigDecimal.ZERO);
                line.put("discountPercent", BigDecimal.ZERO);
                line.put("amountExcludingTax", amount);
                line.put("amountIncludingTax", amount);
                line.put("netAmount", amount);
                line.put("shipQuantity", qty);
                put(company, BcCatalog.SALES_ORDER_LINES, line);
                total = total.add(amount);
            }
            o.put("totalAmountExcludingTax", total);
            o.put("totalTaxAmount", BigDecimal.ZERO);
            o.put("totalAmountIncludingTax", total);
            put(company, BcCatalog.SALES_ORDERS, o);
        }
        List<BcRow> vendorRows = company.list(BcCatalog.VENDORS);
        for (int i = 1; i <= counts.getOrDefault("purchaseInvoices", 0) && !vendorRows.isEmpty(); i++) {
            ObjectNode p = base(company, BcCatalog.PURCHASE_INVOICES, i);
            ObjectNode vendor = vendorRows.get((i - 1) % vendorRows.size()).values();
            p.put("number", "P-INV" + String.format("%06d", 108000 + i));
            LocalDate date = LocalDate.of(2024, 3, i % 28 + 1);
            p.put("postingDate", date.toString());
            p.put("invoiceDate", date.toString());
            p.put("dueDate", date.plusDays(30).toString());
            p.put("vendorInvoiceNumber", "INV-" + (4400 + i));
            p.put("vendorId", vendor.get("id").asText());
            p.put("vendorNumber", vendor.get("number").asText());
            p.put("vendorName", vendor.get("displayName").asText());
            p.put("payToName", vendor.get("displayName").asText());
            p.put("payToVendorId", vendor.get("id").asText());
            p.put("payToVendorNumber", vendor.get("number").asText());
            p.put("currencyCode", "USD");
            p.put("pricesIncludeTax", false);
            p.put("discountAmount", BigDecimal.ZERO);
            BigDecimal amount = money(random, 3000);
            p.put("totalAmountExcludingTax", amount);
            p.put("totalTaxAmount", BigDecimal.ZERO);
            p.put("totalAmountIncludingTax", amount);
            p.put("status", i % 2 == 0 ? "Paid" : "Open");
            put(company, BcCatalog.PURCHASE_INVOICES, p);
        }
        for (int i = 1; i <= counts.getOrDefault("generalLedgerEntries", 0); i++) {
            ObjectNode g = base(company, BcCatalog.GENERAL_LEDGER_ENTRIES, i);
            BigDecimal amount = money(random, 2000);
            boolean debit = i % 2 == 1;
            g.put("entryNumber", i);
            g.put("postingDate", LocalDate.of(2024, 2, i % 28 + 1).toString());
            g.put("documentNumber", "G" + String.format("%05d", 100 + (i + 1) / 2));
            g.put("documentType", i % 3 == 0 ? "Payment" : "Invoice");
            g.put("accountNumber", debit ? "10100" : "40100");
            g.put("description", debit ? "Order payment" : "Sales revenue");
            g.put("debitAmount", debit ? amount : BigDecimal.ZERO);
            g.put("creditAmount", debit ? BigDecimal.ZERO : amount);
            g.put("additionalCurrencyDebitAmount", BigDecimal.ZERO);
            g.put("additionalCurrencyCreditAmount", BigDecimal.ZERO);
            put(company, BcCatalog.GENERAL_LEDGER_ENTRIES, g);
        }
    }

    private static String name(int i) {
        return FIRST.get((i - 1) % FIRST.size()) + " " + SECOND.get((i - 1) / FIRST.size() % SECOND.size())
                + (i > FIRST.size() * SECOND.size() ? " " + i : "");
    }

    private static void address(ObjectNode n, Random random, int i) {
        n.put("addressLine1", (100 + random.nextInt(800)) + " Market Square");
        n.put("addressLine2", "");
        n.put("city", CITIES.get(i % CITIES.size()));
        n.put("state", "");
        n.put("country", "US");
        n.put("postalCode", String.format("%05d", 30000 + random.nextInt(60000)));
    }

    private static BigDecimal money(Random random, int max) {
        return BigDecimal.valueOf(random.nextInt(max * 100), 2);
    }

    /** A row with its id, every property at its empty value, and the seed's modification time. */
    static ObjectNode base(BcCompany company, BcEntitySet set, int n) {
        ObjectNode o = BcValues.empty(set);
        o.put("id", id(company.id(), set.name(), n).toString());
        if (o.has("lastModifiedDateTime")) {
            o.put("lastModifiedDateTime", BcValues.dateTime(MODIFIED.plusSeconds(n)));
        }
        return o;
    }

    private static void put(BcCompany company, BcEntitySet set, ObjectNode row) {
        UUID id = UUID.fromString(row.get("id").asText());
        company.rows(set).put(id, new BcRow(id, row, 1));
    }

    static ObjectNode object() {
        return Json.object();
    }
}
