package dev.sluice.emulator.internal.fetch;

import java.util.List;

/**
 * A FetchXML query as written, before its names are resolved against the org's tables: the element tree of
 * {@code fetch}, {@code entity}, {@code link-entity}, {@code attribute}, {@code all-attributes}, {@code order},
 * {@code filter}, {@code condition} and {@code value}. Immutable values; built by {@link FetchParser}.
 */
final class FetchModel {
    private FetchModel() {}

    /**
     * The {@code fetch} element.
     *
     * @param top {@code top}, or null
     * @param count {@code count} (rows per page), or null
     * @param page {@code page} (from 1), or null
     * @param pagingCookie {@code paging-cookie} (the inner cookie, XML already unescaped), or null
     * @param distinct {@code distinct='true'}
     * @param aggregate {@code aggregate='true'}
     * @param aggregateLimit {@code aggregatelimit}, or null
     * @param totalRecordCount {@code returntotalrecordcount='true'}
     * @param rawOrderBy {@code useraworderby='true'}: choices sort by value, not label
     * @param entity the queried table
     */
    record Fetch(Integer top, Integer count, Integer page, String pagingCookie, boolean distinct, boolean aggregate,
            Integer aggregateLimit, boolean totalRecordCount, boolean rawOrderBy, Node entity) {}

    /**
     * An {@code entity} or {@code link-entity}.
     *
     * @param element the element name, for messages
     * @param name logical name of the table
     * @param alias the link's alias (generated when absent), null for the entity
     * @param from the link's column on its own table, null for the entity
     * @param to the parent's column the link matches, null for the entity
     * @param linkType {@code inner} (default), {@code outer}, {@code exists}, {@code in}, {@code any}, {@code not-any};
     *     null for the entity
     * @param allAttributes whether {@code all-attributes} was given
     * @param attributes the {@code attribute} elements in document order
     * @param orders the {@code order} elements in document order
     * @param filters the {@code filter} elements (all of them must hold)
     * @param links the nested {@code link-entity} elements
     */
    record Node(String element, String name, String alias, String from, String to, String linkType,
            boolean allAttributes, List<Attribute> attributes, List<Order> orders, List<Filter> filters,
            List<Node> links) {}

    /**
     * An {@code attribute}.
     *
     * @param name column logical name
     * @param alias {@code alias}, or null
     * @param aggregate {@code aggregate} (count, countcolumn, sum, avg, min, max), or null
     * @param groupBy {@code groupby='true'}
     * @param dateGrouping {@code dategrouping}, or null
     * @param distinct {@code distinct='true'} (for countcolumn)
     */
    record Attribute(String name, String alias, String aggregate, boolean groupBy, String dateGrouping,
            boolean distinct) {}

    /**
     * An {@code order}.
     *
     * @param attribute column, or null when ordering by alias
     * @param alias the alias of an aggregate or group (aggregate queries), or null
     * @param entityName a link-entity's alias (the column is on that link), or null
     * @param descending {@code descending='true'}
     */
    record Order(String attribute, String alias, String entityName, boolean descending) {}

    /** A {@code filter}: {@code and} or {@code or} over conditions and nested filters. */
    record Filter(boolean or, List<Object> items) {}

    /**
     * A {@code condition}.
     *
     * @param attribute column
     * @param entityName a link-entity's alias, or null for the enclosing entity
     * @param operator the operator as written
     * @param value {@code value}, or null
     * @param values the {@code value} child elements
     * @param valueOf {@code valueof}: compare with another column of the same row, or null
     */
    record Condition(String attribute, String entityName, String operator, String value, List<String> values,
            String valueOf) {}
}
