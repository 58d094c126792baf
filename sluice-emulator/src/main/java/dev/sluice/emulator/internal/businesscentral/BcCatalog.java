package dev.sluice.emulator.internal.businesscentral;

import java.util.List;
import java.util.Optional;

/**
 * The standard API v2.0 entity sets the emulator serves, with the properties Microsoft's "resource type" pages
 * (dev-itpro/api-reference/v2.0/resources) list for them. Immutable.
 */
final class BcCatalog {
    static final BcEntitySet COMPANIES = BcEntitySet.of("companies", "company", "Company", null, null, false, null,
            "id:guid:ro systemVersion:string:ro timestamp:integer:ro name:string:ro displayName:string:ro "
            + "businessProfileId:string:ro systemCreatedAt:datetime:ro systemCreatedBy:guid:ro "
            + "systemModifiedAt:datetime:ro systemModifiedBy:guid:ro");

    static final BcEntitySet CUSTOMERS = BcEntitySet.of("customers", "customer", "Customer", "number", "C", true, null,
            "id:guid:ro number:string displayName:string type:enum(Company|Person) addressLine1:string "
            + "addressLine2:string city:string state:string country:string postalCode:string phoneNumber:string "
            + "email:string website:string salespersonCode:string balanceDue:decimal:ro creditLimit:decimal "
            + "taxLiable:boolean taxAreaId:guid taxAreaDisplayName:string:ro taxRegistrationNumber:string "
            + "currencyId:guid currencyCode:string paymentTermsId:guid shipmentMethodId:guid paymentMethodId:guid "
            + "blocked:enum( |Ship|Invoice|All) lastModifiedDateTime:datetime:ro");

    static final BcEntitySet VENDORS = BcEntitySet.of("vendors", "vendor", "Vendor", "number", "V", true, null,
            "id:guid:ro number:string displayName:string addressLine1:string addressLine2:string city:string "
            + "state:string country:string postalCode:string phoneNumber:string email:string website:string "
            + "taxRegistrationNumber:string currencyId:guid currencyCode:string irs1099Code:string "
            + "paymentTermsId:guid paymentMethodId:guid taxLiable:boolean blocked:enum( |Payment|All) "
            + "balance:decimal:ro lastModifiedDateTime:datetime:ro");

    static final BcEntitySet ITEMS = BcEntitySet.of("items", "item", "Item", "number", "I", true, null,
            "id:guid:ro number:string displayName:string type:enum(Inventory|Service|Non-Inventory) "
            + "itemCategoryId:guid itemCategoryCode:string blocked:boolean gtin:string inventory:decimal:ro "
            + "unitPrice:decimal priceIncludesTax:boolean unitCost:decimal taxGroupId:guid taxGroupCode:string "
            + "baseUnitOfMeasureId:guid baseUnitOfMeasureCode:string generalProductPostingGroupId:guid "
            + "generalProductPostingGroupCode:string inventoryPostingGroupId:guid inventoryPostingGroupCode:string "
            + "lastModifiedDateTime:datetime:ro");

    static final BcEntitySet CONTACTS = BcEntitySet.of("contacts", "contact", "Contact", "number", "CT", true, null,
            "id:guid:ro number:string type:enum(Company|Person) displayName:string companyNumber:string "
            + "companyName:string contactBusinessRelation:enum(None|Customer|Vendor|Employee|Bank Account|Multiple) "
            + "addressLine1:string addressLine2:string city:string state:string country:string postalCode:string "
            + "phoneNumber:string mobilePhoneNumber:string email:string website:string searchName:string "
            + "privacyBlocked:boolean taxRegistrationNumber:string lastInteractionDate:date:ro "
            + "lastModifiedDateTime:datetime:ro");

    static final BcEntitySet SALES_ORDERS = BcEntitySet.of("salesOrders", "salesOrder", "Sales Header", "number",
            "SO", true, null,
            "id:guid:ro number:string externalDocumentNumber:string orderDate:date postingDate:date customerId:guid "
            + "customerNumber:string customerName:string:ro billToName:string:ro billToCustomerId:guid "
            + "billToCustomerNumber:string shipToName:string shipToContact:string sellToAddressLine1:string "
            + "sellToAddressLine2:string sellToCity:string sellToCountry:string sellToState:string "
            + "sellToPostCode:string currencyId:guid currencyCode:string pricesIncludeTax:boolean:ro "
            + "paymentTermsId:guid shipmentMethodId:guid salesperson:string partialShipping:boolean "
            + "requestedDeliveryDate:date discountAmount:decimal discountAppliedBeforeTax:boolean "
            + "totalAmountExcludingTax:decimal:ro totalTaxAmount:decimal:ro totalAmountIncludingTax:decimal:ro "
            + "fullyShipped:boolean:ro status:enum(Draft|In Review|Open):ro "
            + "lastModifiedDateTime:datetime:ro phoneNumber:string email:string");

    static final BcEntitySet SALES_ORDER_LINES = BcEntitySet.of("salesOrderLines", "salesOrderLine", "Sales Line",
            null, null, true, "salesOrders",
            "id:guid:ro documentId:guid sequence:integer itemId:guid accountId:guid "
            + "lineType:enum(Comment|Account|Item|Resource|Fixed Asset|Charge) lineObjectNumber:string "
            + "description:string unitOfMeasureId:guid unitOfMeasureCode:string quantity:decimal unitPrice:decimal "
            + "discountAmount:decimal discountPercent:decimal discountAppliedBeforeTax:boolean "
            + "amountExcludingTax:decimal:ro taxCode:string taxPercent:decimal:ro totalTaxAmount:decimal:ro "
            + "amountIncludingTax:decimal:ro netAmount:decimal:ro shipmentDate:date shippedQuantity:decimal:ro "
            + "invoicedQuantity:decimal:ro shipQuantity:decimal itemVariantId:guid");

    static final BcEntitySet PURCHASE_INVOICES = BcEntitySet.of("purchaseInvoices", "purchaseInvoice",
            "Purchase Header", "number", "PI", true, null,
            "id:guid:ro number:string postingDate:date invoiceDate:date dueDate:date vendorInvoiceNumber:string "
            + "vendorId:guid vendorNumber:string vendorName:string:ro payToName:string:ro payToVendorId:guid "
            + "payToVendorNumber:string shipToName:string shipToContact:string buyFromAddressLine1:string "
            + "buyFromCity:string buyFromCountry:string buyFromPostCode:string currencyId:guid currencyCode:string "
            + "pricesIncludeTax:boolean:ro discountAmount:decimal totalAmountExcludingTax:decimal:ro "
            + "totalTaxAmount:decimal:ro totalAmountIncludingTax:decimal:ro "
            + "status:enum( |Draft|In Review|Open|Paid|Canceled|Corrective):ro lastModifiedDateTime:datetime:ro");

    static final BcEntitySet GENERAL_LEDGER_ENTRIES = BcEntitySet.of("generalLedgerEntries", "generalLedgerEntry",
            "G/L Entry", null, null, false, null,
            "id:guid:ro entryNumber:integer:ro postingDate:date:ro documentNumber:string:ro "
            + "documentType:enum( |Payment|Invoice|Credit Memo|Finance Charge Memo|Reminder|Refund):ro "
            + "accountId:guid:ro accountNumber:string:ro description:string:ro debitAmount:decimal:ro "
            + "creditAmount:decimal:ro additionalCurrencyDebitAmount:decimal:ro "
            + "additionalCurrencyCreditAmount:decimal:ro lastModifiedDateTime:datetime:ro");

    /** The sets under {@code companies({id})/}, in the order the company resource page lists them. */
    static final List<BcEntitySet> COMPANY_SETS = List.of(ITEMS, CUSTOMERS, CONTACTS, VENDORS,
            GENERAL_LEDGER_ENTRIES, SALES_ORDERS, SALES_ORDER_LINES, PURCHASE_INVOICES);

    private BcCatalog() {}

    static Optional<BcEntitySet> companySet(String name) {
        return COMPANY_SETS.stream().filter(s -> s.name().equals(name)).findFirst();
    }
}
