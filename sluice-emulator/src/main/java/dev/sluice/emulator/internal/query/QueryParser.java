package dev.sluice.emulator.internal.query;

import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.odata.OrgModel;
import dev.sluice.emulator.internal.schema.TableDef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.core.uri.parser.Parser;
import org.apache.olingo.server.core.uri.parser.UriParserException;
import org.apache.olingo.server.core.uri.validator.UriValidationException;

/**
 * Reads the query options of a GET: checks the ones Dataverse refuses ({@code $skip}, {@code $search},
 * {@code $format}, {@code $compute}; fact sheet §C.1), takes the Dataverse query functions out (see
 * {@link FunctionCall}), has Apache Olingo's URI parser parse the rest against the entity set, maps
 * Olingo's errors to Dataverse's wording, and compiles the result ({@link QueryCompiler}). Stateless.
 */
final class QueryParser {
    private static final Set<String> PARSED = Set.of("$select", "$filter", "$orderby", "$top", "$expand", "$count");
    private static final Set<String> REFUSED = Set.of("$skip", "$search", "$format", "$compute", "$levels",
            "$index", "$schemaversion");
    private static final Set<String> NOT_EMULATED = Set.of("$apply", "fetchXml", "savedQuery", "userQuery");

    private QueryParser() {}

    static Query parse(QueryScope scope, TableDef table, String rawQuery, String baseUrl) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        String skipToken = null;
        String deltaToken = null;
        List<String> given = new ArrayList<>();
        for (String pair : rawQuery == null ? new String[0] : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            given.add(name);
            if (PARSED.contains(name)) {
                if (options.put(name, value) != null) {
                    throw QueryErrors.bad("Query option '" + name + "' was specified more than once, but it must be "
                            + "specified at most once.");
                }
            } else if (name.equals("$skiptoken")) {
                skipToken = value;
            } else if (name.equals("$deltatoken")) {
                deltaToken = value;
            } else if (REFUSED.contains(name)) {
                throw QueryErrors.unsupportedOption(name);
            } else if (NOT_EMULATED.contains(name)) {
                throw QueryErrors.bad("The query parameter " + name + " is supported by Dataverse but not by the "
                        + "Sluice emulator.");
            } else if (name.startsWith("$")) {
                throw QueryErrors.unsupportedOption(name);
            } else if (name.startsWith("@")) {
                aliases.put(name, value);
            }
        }
        FunctionRewriter rewriter = new FunctionRewriter();
        for (String option : List.of("$filter", "$expand")) {
            if (options.containsKey(option)) {
                options.put(option, rewriter.rewrite(options.get(option)));
            }
        }
        if (options.isEmpty()) {
            return new Query(table, null, List.of(), null, false, Projection.all(table, List.of()), skipToken,
                    deltaToken, given, null);
        }
        StringBuilder q = new StringBuilder();
        options.forEach((k, v) -> append(q, k, v));
        aliases.forEach((k, v) -> append(q, k, v));
        for (int i = 0; i < rewriter.calls().size(); i++) {
            append(q, FunctionRewriter.ALIAS_PREFIX + i, "true");
        }
        OrgModel model = OrgModel.of(scope.store().schema());
        UriInfo uri;
        try {
            uri = new Parser(model.edm(), model.odata()).parseUri(table.entitySetName(), q.toString(), null, baseUrl);
        } catch (UriParserException | UriValidationException e) {
            throw map(scope, table, e, options);
        }
        return new QueryCompiler(scope, rewriter.calls(), uri).compile(table, uri, skipToken, deltaToken, given);
    }

    private static void append(StringBuilder q, String name, String value) {
        if (q.length() > 0) {
            q.append('&');
        }
        q.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    private static String decode(String s) {
        try {
            return ApiRequest.decode(s);
        } catch (IllegalArgumentException e) {
            throw QueryErrors.bad("The query string has a malformed percent-encoding.");
        }
    }

    /** Olingo's error in Dataverse's words: the unknown property, the syntax error position, the bad value. */
    private static ApiException map(QueryScope scope, TableDef table, ODataLibraryException e,
            Map<String, String> options) {
        String key = e.getMessageKey() == null ? "" : e.getMessageKey().getKey();
        if (key.contains("PROPERTY") || key.contains("NOT_IN_TYPE") || key.contains("NAVIGATION")) {
            ApiException unknown = UnknownNames.find(scope.store().schema(), table, options);
            if (unknown != null) {
                return unknown;
            }
        }
        String filter = options.get("$filter");
        if (filter != null) {
            int pos = FilterSyntax.errorPosition(filter);
            if (pos >= 0) {
                return QueryErrors.syntax(filter, pos);
            }
        }
        String top = options.get("$top");
        if (key.equals("WRONG_VALUE_FOR_SYSTEM_QUERY_OPTION") && top != null && !top.matches("\\d{1,9}")) {
            return QueryErrors.bad("Invalid value '" + top + "' for $top query option found. The $top query option "
                    + "requires a non-negative integer value.");
        }
        if (key.equals("TYPES_NOT_COMPATIBLE") && filter != null) {
            return QueryErrors.bad("A binary operator with incompatible types was detected in the $filter '" + filter
                    + "' (" + e.getMessage() + ")");
        }
        ApiException unknown = UnknownNames.find(scope.store().schema(), table, options);
        if (unknown != null) {
            return unknown;
        }
        return QueryErrors.bad("The query options are not valid: " + e.getMessage() + " (in "
                + String.join(", ", options.keySet()) + ").");
    }
}
