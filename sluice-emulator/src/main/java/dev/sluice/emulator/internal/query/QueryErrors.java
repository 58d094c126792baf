package dev.sluice.emulator.internal.query;

import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.schema.TableDef;

/** The 400 answers of query parsing and evaluation, worded as Dataverse words them (fact sheet §B.9, §C). */
final class QueryErrors {
    private QueryErrors() {}

    static ApiException unknownProperty(TableDef table, String name) {
        return bad("Could not find a property named '" + name + "' on type 'Microsoft.Dynamics.CRM."
                + table.logicalName() + "'.");
    }

    static ApiException unsupportedOption(String option) {
        return bad("The query parameter " + option + " is not supported");
    }

    static ApiException syntax(String text, int position) {
        return bad("Syntax error at position " + position + " in '" + text + "'.");
    }

    static ApiException unterminated(String text, int position) {
        return bad("There is an unterminated literal at position " + position + " in '" + text + "'.");
    }

    static ApiException bad(String message) {
        return ApiException.badRequest(DataverseErrorCodes.QUERY_NOT_SUPPORTED, message);
    }
}
