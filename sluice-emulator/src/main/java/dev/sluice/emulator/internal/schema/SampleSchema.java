package dev.sluice.emulator.internal.schema;

import java.util.List;

/**
 * The built-in sample org: account, contact, lead, opportunity, systemuser and businessunit, with
 * columns of every supported type, alternate keys on {@code account.accountnumber} and
 * {@code contact.emailaddress1}, and the usual lookups between them.
 */
public final class SampleSchema {
    private SampleSchema() {}

    public static List<TableDef> tables() {
        return List.of(account(), contact(), lead(), opportunity(), systemuser(), businessunit());
    }

    static TableDef account() {
        return TableBuilder.table("account", "accounts", "Account")
                .primaryName("name")
                .requiredString("name", 160, "Account Name")
                .string("accountnumber", 20, "Account Number")
                .string("telephone1", 50, "Main Phone")
                .string("emailaddress1", 100, "Email")
                .string("websiteurl", 200, "Website")
                .string("address1_city", 80, "Address 1: City")
                .string("address1_country", 80, "Address 1: Country/Region")
                .memo("description", 2000, "Description")
                .of(ColumnType.INTEGER, "numberofemployees", "Number of Employees")
                .of(ColumnType.MONEY, "revenue", "Annual Revenue")
                .of(ColumnType.MONEY, "creditlimit", "Credit Limit")
                .of(ColumnType.DECIMAL, "exchangerate", "Exchange Rate")
                .of(ColumnType.DOUBLE, "address1_latitude", "Address 1: Latitude")
                .of(ColumnType.DATETIME, "lastusedincampaign", "Last Date Included in Campaign")
                .yesNo("creditonhold", "Credit Hold", "No", "Yes")
                .yesNo("donotemail", "Do not allow Emails", "Allow", "Do Not Allow")
                .choice("industrycode", "Industry",
                        new OptionDef(1, "Accounting"), new OptionDef(2, "Agriculture and Non-petrol Natural Resource Extraction"),
                        new OptionDef(3, "Broadcasting Printing and Publishing"), new OptionDef(4, "Brokers"),
                        new OptionDef(6, "Business Services"), new OptionDef(7, "Consulting"),
                        new OptionDef(12, "Financial"), new OptionDef(19, "Manufacturing"),
                        new OptionDef(29, "Retail"), new OptionDef(33, "Wholesale"))
                .choice("customertypecode", "Relationship Type",
                        new OptionDef(1, "Competitor"), new OptionDef(2, "Consultant"), new OptionDef(3, "Customer"),
                        new OptionDef(4, "Investor"), new OptionDef(5, "Partner"), new OptionDef(12, "Other"))
                .lookup("primarycontactid", "Primary Contact", "contact", "account_primary_contact")
                .lookup("parentaccountid", "Parent Account", "account", "account_parent_account")
                .states(List.of(new OptionDef(0, "Active"), new OptionDef(1, "Inactive")),
                        List.of(new OptionDef(1, "Active", 0), new OptionDef(2, "Inactive", 1)))
                .key("AccountNumberKey", "accountnumber")
                .build();
    }

    static TableDef contact() {
        return TableBuilder.table("contact", "contacts", "Contact")
                .primaryName("fullname")
                .string("fullname", 160, "Full Name")
                .string("firstname", 50, "First Name")
                .requiredString("lastname", 50, "Last Name")
                .string("emailaddress1", 100, "Email")
                .string("telephone1", 50, "Business Phone")
                .string("jobtitle", 100, "Job Title")
                .string("address1_city", 80, "Address 1: City")
                .memo("description", 2000, "Description")
                .of(ColumnType.DATETIME, "birthdate", "Birthday")
                .of(ColumnType.INTEGER, "numberofchildren", "No. of Children")
                .of(ColumnType.MONEY, "annualincome", "Annual Income")
                .yesNo("donotphone", "Do not allow Phone Calls", "Allow", "Do Not Allow")
                .choice("gendercode", "Gender", new OptionDef(1, "Male"), new OptionDef(2, "Female"))
                .choice("preferredcontactmethodcode", "Preferred Method of Contact",
                        new OptionDef(1, "Any"), new OptionDef(2, "Email"), new OptionDef(3, "Phone"),
                        new OptionDef(4, "Fax"), new OptionDef(5, "Mail"))
                .customer("parentcustomerid", "Company Name", "contact_customer_accounts", "contact_customer_contacts")
                .states(List.of(new OptionDef(0, "Active"), new OptionDef(1, "Inactive")),
                        List.of(new OptionDef(1, "Active", 0), new OptionDef(2, "Inactive", 1)))
                .key("EmailAddress1Key", "emailaddress1")
                .build();
    }

    static TableDef lead() {
        return TableBuilder.table("lead", "leads", "Lead")
                .primaryName("fullname")
                .string("fullname", 160, "Name")
                .string("firstname", 50, "First Name")
                .requiredString("lastname", 50, "Last Name")
                .requiredString("subject", 300, "Topic")
                .string("companyname", 100, "Company Name")
                .string("emailaddress1", 100, "Email")
                .memo("description", 2000, "Description")
                .of(ColumnType.MONEY, "estimatedamount", "Est. Value")
                .of(ColumnType.DATETIME, "estimatedclosedate", "Est. Close Date")
                .choice("leadqualitycode", "Rating", new OptionDef(1, "Hot"), new OptionDef(2, "Warm"),
                        new OptionDef(3, "Cold"))
                .choice("leadsourcecode", "Lead Source", new OptionDef(1, "Advertisement"),
                        new OptionDef(2, "Employee Referral"), new OptionDef(3, "External Referral"),
                        new OptionDef(4, "Partner"), new OptionDef(8, "Web"), new OptionDef(10, "Other"))
                .lookup("parentaccountid", "Parent Account for lead", "account", "lead_parent_account")
                .lookup("parentcontactid", "Parent Contact for lead", "contact", "lead_parent_contact")
                .states(List.of(new OptionDef(0, "Open"), new OptionDef(1, "Qualified"), new OptionDef(2, "Disqualified")),
                        List.of(new OptionDef(1, "New", 0), new OptionDef(2, "Contacted", 0),
                                new OptionDef(3, "Qualified", 1), new OptionDef(4, "Lost", 2),
                                new OptionDef(5, "Cannot Contact", 2), new OptionDef(6, "No Longer Interested", 2),
                                new OptionDef(7, "Canceled", 2)))
                .build();
    }

    static TableDef opportunity() {
        return TableBuilder.table("opportunity", "opportunities", "Opportunity")
                .primaryName("name")
                .requiredString("name", 300, "Topic")
                .memo("description", 2000, "Description")
                .of(ColumnType.MONEY, "estimatedvalue", "Est. Revenue")
                .of(ColumnType.MONEY, "actualvalue", "Actual Revenue")
                .of(ColumnType.INTEGER, "closeprobability", "Probability")
                .of(ColumnType.DATETIME, "estimatedclosedate", "Est. Close Date")
                .choice("opportunityratingcode", "Rating", new OptionDef(1, "Hot"), new OptionDef(2, "Warm"),
                        new OptionDef(3, "Cold"))
                .customer("customerid", "Potential Customer", "opportunity_customer_accounts",
                        "opportunity_customer_contacts")
                .lookup("parentaccountid", "Account", "account", "opportunity_parent_account")
                .lookup("parentcontactid", "Contact", "contact", "opportunity_parent_contact")
                .states(List.of(new OptionDef(0, "Open"), new OptionDef(1, "Won"), new OptionDef(2, "Lost")),
                        List.of(new OptionDef(1, "In Progress", 0), new OptionDef(2, "On Hold", 0),
                                new OptionDef(3, "Won", 1), new OptionDef(4, "Canceled", 2),
                                new OptionDef(5, "Out-Sold", 2)))
                .build();
    }

    static TableDef systemuser() {
        return TableBuilder.table("systemuser", "systemusers", "User")
                .organizationOwned()
                .primaryName("fullname")
                .string("fullname", 200, "Full Name")
                .string("firstname", 64, "First Name")
                .string("lastname", 64, "Last Name")
                .string("domainname", 1024, "User Name")
                .string("internalemailaddress", 100, "Primary Email")
                .of(ColumnType.UNIQUEIDENTIFIER, "azureactivedirectoryobjectid", "Azure AD Object ID")
                .of(ColumnType.UNIQUEIDENTIFIER, "applicationid", "Application ID")
                .yesNo("isdisabled", "Status", "Enabled", "Disabled")
                .lookup("businessunitid", "Business Unit", "businessunit", "business_unit_system_users")
                .build();
    }

    static TableDef businessunit() {
        return TableBuilder.table("businessunit", "businessunits", "Business Unit")
                .organizationOwned()
                .primaryName("name")
                .requiredString("name", 160, "Name")
                .string("websiteurl", 200, "Website")
                .lookup("parentbusinessunitid", "Parent Business", "businessunit", "business_unit_parent_business_unit")
                .build();
    }
}
