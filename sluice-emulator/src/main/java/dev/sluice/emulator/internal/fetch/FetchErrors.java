package dev.sluice.emulator.internal.fetch;

import dev.sluice.emulator.internal.http.ApiException;

/**
 * The 400 answers to FetchXML Dataverse's way: the error codes of Dataverse's query builder
 * ({@code QueryBuilder*}, {@code AggregateQueryRecordLimitExceeded}, {@code OverRetrievalUpperLimitWithoutPagingCookie})
 * from Microsoft's list of web service error codes, and "Invalid XML." ({@code 0x80040201}) as observed for XML that
 * does not parse. The messages start with Dataverse's text and add which element is at fault (see the emulator README,
 * "where it differs"). Stateless.
 */
final class FetchErrors {
    /** InvalidXml: the text is not well-formed XML (or carries a DTD). */
    static final String INVALID_XML = "0x80040201";
    /** QueryBuilderDeserializeInvalidNode: an element that has no place there. */
    static final String INVALID_NODE = "0x8004111c";
    /** QueryBuilderNoEntity. */
    static final String NO_ENTITY = "0x80041102";
    /** QueryBuilderNoAttribute. */
    static final String NO_ATTRIBUTE = "0x80041103";
    /** QueryBuilderInvalidConditionOperator. */
    static final String INVALID_OPERATOR = "0x80041120";
    /** QueryBuilderInvalidFilterType. */
    static final String INVALID_FILTER_TYPE = "0x80041122";
    /** QueryBuilderDeserializeInvalidLinkType. */
    static final String INVALID_LINK_TYPE = "0x80041117";
    /** QueryBuilderAttributeNotFound: a required attribute was not specified. */
    static final String REQUIRED_ATTRIBUTE = "0x8004111e";
    /** QueryBuilderElementNotFound: a required element was not specified. */
    static final String REQUIRED_ELEMENT = "0x80041123";
    /** QueryBuilderEntitiesDontMatch: the entity is not the entity set's. */
    static final String ENTITIES_DONT_MATCH = "0x80041128";
    /** QueryBuilderDuplicateAlias. */
    static final String DUPLICATE_ALIAS = "0x80041130";
    /** QueryBuilderInvalid_Alias: an aggregate without alias. */
    static final String INVALID_ALIAS = "0x80041109";
    /** QueryBuilderAttribute_With_Aggregate: a plain attribute in an aggregate query. */
    static final String ATTRIBUTE_WITH_AGGREGATE = "0x80041107";
    /** QueryBuilderAttributeNotAllowedForAggregateOrderBy. */
    static final String ORDER_ATTRIBUTE_IN_AGGREGATE = "0x80041131";
    /** QueryBuilderAliasNotAllowedForNonAggregateOrderBy. */
    static final String ORDER_ALIAS_NOT_AGGREGATE = "0x80041132";
    /** QueryBuilderAttributeCannotBeGroupByAndAggregate. */
    static final String GROUPBY_AND_AGGREGATE = "0x80041137";
    /** QueryBuilderInvalidDateGrouping. */
    static final String INVALID_DATE_GROUPING = "0x80041135";
    /** QueryBuilderInvalidAggregateAttribute. */
    static final String INVALID_AGGREGATE_ATTRIBUTE = "0x8004112F";
    /** QueryBuilderDeserializeInvalidAggregate. */
    static final String INVALID_AGGREGATE = "0x8004111a";
    /** QueryBuilderInvalid_Value. */
    static final String INVALID_VALUE = "0x80041108";
    /** QueryBuilderNoAlias: a condition's or order's entityname names no link-entity. */
    static final String NO_ALIAS = "0x8004110b";
    /** QueryBuilderValue_GreaterThanZero. */
    static final String GREATER_THAN_ZERO = "0x8004110c";
    /** Number of link entities in query exceeded maximum limit (fetchxml/join-tables.md). */
    static final String TOO_MANY_LINKS = "0x8004430D";
    /** AggregateQueryRecordLimitExceeded. */
    static final String AGGREGATE_LIMIT = "0x8004E023";
    /** OverRetrievalUpperLimitWithoutPagingCookie. */
    static final String OVER_RETRIEVAL = "0x8004430A";
    /** InvalidArgument, for combinations Dataverse refuses without a documented code (top with paging). */
    static final String INVALID_ARGUMENT = "0x80040203";

    private FetchErrors() {}

    static ApiException bad(String code, String message) {
        return ApiException.badRequest(code, message);
    }

    /** Dataverse's platform message for the aggregate limit (fetchxml/aggregate-data.md, Limitations). */
    static ApiException aggregateLimit(int limit) {
        return bad(AGGREGATE_LIMIT, "AggregateQueryRecordLimit exceeded. Cannot perform this operation. (The query "
                + "aggregates more than " + limit + " records; add filters so that it aggregates fewer.)");
    }
}
