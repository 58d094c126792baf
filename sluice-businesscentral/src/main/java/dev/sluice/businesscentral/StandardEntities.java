package dev.sluice.businesscentral;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The standard API v2.0 entity sets the record provider offers, with the properties Microsoft's resource pages list
 * (dev-itpro/api-reference/v2.0/resources): {@code companies}, {@code customers}, {@code vendors}, {@code items},
 * {@code contacts}, {@code salesOrders}, {@code salesOrderLines}, {@code purchaseInvoices} and
 * {@code generalLedgerEntries} (read-only). Text enums ({@code type}, {@code blocked}) are {@link ColumnKind#STRING};
 * dates ({@code yyyy-mm-dd}) are {@link ColumnKind#OTHER}, carried as text. Immutable.
 */
public final class StandardEntities {
    /** One entity set: its name, whether it can be written, its number key (or null), and its columns. */
    public record Definition(String name, boolean writable, String numberKey, List<ColumnSchema> columns) {
        public Definition {
            columns = List.copyOf(columns);
        }

        /** The table schema: primary key {@code id}, unique key the number where there is one. */
        public TableSchema schema() {
            return new TableSchema(name, columns, List.of("id"), numberKey == null ? List.of()
                    : List.of(List.of(numberKey)));
        }

        public Optional<ColumnSchema> column(String column) {
            return columns.stream().filter(c -> c.name().equals(column)).findFirst();
        }
    }

    private static final Map<String, Definition> ALL = new LinkedHashMap<>();

    static {
        add("companies", false, null, "id:guid:ro systemVersion:string:ro timestamp:integer:ro name:string:ro "
                + "displayName:string:ro businessProfileId:string:ro systemCreatedAt:datetime:ro "
                + "systemModifiedAt:datetime:ro");
        add("customers", true, "number", "id:guid:ro number:string displayName:string type:string "
                + "addressLine1:string addressLine2:string city:string state:string country:string postalCode:string "
                + "phoneNumber:string email:string website:string salespersonCode:string balanceDue:decimal:ro "
                + "creditLimit:decimal taxLiable:boolean taxAreaId:guid taxAreaDisplayName:string:ro "
                + "taxRegistrationNumber:string currencyId:guid currencyCode:string paymentTermsId:guid "
                + "shipmentMethodId:guid paymentMethodId:guid blocked:string lastModifiedDateTime:datetime:ro");
        add("vendors", true, "number", "id:guid:ro number:string displayName:string addressLine1:string "
                + "addressLine2:string city:string state:string country:string postalCode:string phoneNumber:string "
                + "email:string website:string taxRegistrationNumber:string currencyId:guid currencyCode:string "
                + "irs1099Code:string paymentTermsId:guid paymentMethodId:guid taxLiable:boolean blocked:string "
                + "balance:decimal:ro lastModifiedDateTime:datetime:ro");
        add("items", true, "number", "id:guid:ro number:string displayName:string type:string itemCategoryId:guid "
                + "itemCategoryCode:string blocked:boolean gtin:string inventory:decimal:ro unitPrice:decimal "
                + "priceIncludesTax:boolean unitCost:decimal taxGroupId:guid taxGroupCode:string "
                + "baseUnitOfMeasureId:guid baseUnitOfMeasureCode:string generalProductPostingGroupId:guid "
                + "generalProductPostingGroupCode:string inventoryPostingGroupId:guid "
                + "inventoryPostingGroupCode:string lastModifiedDateTime:datetime:ro");
        add("contacts", true, "number", "id:guid:ro number:string type:string displayName:string "
                + "companyNumber:string companyName:string contactBusinessRelation:string addressLine1:string "
                + "addressLine2:string city:string state:string country:string postalCode:string phoneNumber:string "
                + "mobilePhoneNumber:string email:string website:string searchName:string privacyBlocked:boolean "
                + "taxRegistrationNumber:string lastInteractionDate:date:ro lastModifiedDateTime:datetime:ro");
        add("salesOrders", true, "number", "id:guid:ro number:string externalDocumentNumber:string orderDate:date "
                + "postingDate:date customerId:guid customerNumber:string customerName:string:ro "
                + "billToName:string:ro billToCustomerId:guid billToCustomerNumber:string shipToName:string "
                + "shipToContact:string sellToAddressLine1:string sellToAddressLine2:string sellToCity:string "
                + "sellToCountry:string sellToState:string sellToPostCode:string currencyId:guid currencyCode:string "
                + "pricesIncludeTax:boolean:ro paymentTermsId:guid shipmentMethodId:guid salesperson:string "
                + "partialShipping:boolean requestedDeliveryDate:date discountAmount:decimal "
                + "discountAppliedBeforeTax:boolean totalAmountExcludingTax:decimal:ro totalTaxAmount:decimal:ro "
                + "totalAmountIncludingTax:decimal:ro fullyShipped:boolean:ro status:string:ro "
                + "lastModifiedDateTime:datetime:ro phoneNumber:string email:string");
        add("salesOrderLines", true, null, "id:guid:ro documentId:guid sequence:integer itemId:guid accountId:guid "
                + "lineType:string lineObjectNumber:string description:string unitOfMeasureId:guid "
                + "unitOfMeasureCode:string quantity:decimal unitPrice:decimal discountAmount:decimal "
                + "discountPercent:decimal discountAppliedBeforeTax:boolean amountExcludingTax:decimal:ro "
                + "taxCode:string taxPercent:decimal:ro totalTaxAmount:decimal:ro amountIncludingTax:decimal:ro "
                + "netAmount:decimal:ro shipmentDate:date shippedQuantity:decimal:ro invoicedQuantity:decimal:ro "
                + "shipQuantity:decimal itemVariantId:guid");
        add("purchaseInvoices", true, "number", "id:guid:ro number:string postingDate:date invoiceDate:date "
                + "dueDate:date vendorInvoiceNumber:string vendorId:guid vendorNumber:string vendorName:string:ro "
                + "payToName:string:ro payToVendorId:guid payToVendorNumber:string shipToName:string "
                + "shipToContact:string buyFromAddressLine1:string buyFromCity:string buyFromCountry:string "
                + "buyFromPostCode:string currencyId:guid currencyCode:string pricesIncludeTax:boolean:ro "
                + "discountAmount:decimal totalAmountExcludingTax:decimal:ro totalTaxAmount:decimal:ro "
                + "totalAmountIncludingTax:decimal:ro status:string:ro lastModifiedDateTime:datetime:ro");
        add("generalLedgerEntries", false, null, "id:guid:ro entryNumber:integer:ro postingDate:date:ro "
                + "documentNumber:string:ro documentType:string:ro accountId:guid:ro accountNumber:string:ro "
                + "description:string:ro debitAmount:decimal:ro creditAmount:decimal:ro "
                + "additionalCurrencyDebitAmount:decimal:ro additionalCurrencyCreditAmount:decimal:ro "
                + "lastModifiedDateTime:datetime:ro");
    }

    private StandardEntities() {}

    private static void add(String name, boolean writable, String numberKey, String specs) {
        List<ColumnSchema> columns = new ArrayList<>();
        for (String spec : specs.trim().split("\\s+")) {
            String[] p = spec.split(":");
            ColumnKind kind = switch (p[1]) {
                case "guid" -> ColumnKind.GUID;
                case "decimal" -> ColumnKind.DECIMAL;
                case "boolean" -> ColumnKind.BOOLEAN;
                case "integer" -> ColumnKind.INTEGER;
                case "datetime" -> ColumnKind.DATETIME;
                case "date" -> ColumnKind.OTHER;
                default -> ColumnKind.STRING;
            };
            boolean writableColumn = writable && !(p.length > 2 && p[2].equals("ro"));
            columns.add(new ColumnSchema(p[0], kind, false, writableColumn, null, null));
        }
        ALL.put(name, new Definition(name, writable, numberKey, columns));
    }

    /** Every entity set, in the order above. */
    public static List<Definition> all() {
        return List.copyOf(ALL.values());
    }

    public static Optional<Definition> get(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
