package dev.sluice.store.internal;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.statement.SqlStatement;

/** Column lists, binds and reads for the {@code connections} table's simple values. Stateless, thread-safe. */
public final class ConnectionRows {
    /** Every settings column, in insert order. */
    public static final String COLUMNS = "name, type, org_url, api_version, authority, tenant, auth_method, client_id, "
            + "scopes, callback_mode, redirect_uri, authorize_endpoint, token_endpoint, discovery_url, "
            + "request_timeout_ms, read_only, impersonate, page_size, max_concurrency, bc_environment, bc_company";
    /** Named parameters matching {@link #COLUMNS}. */
    public static final String PARAMS = ":name, :type, :org_url, :api_version, :authority, :tenant, :auth_method, "
            + ":client_id, :scopes, :callback_mode, :redirect_uri, :authorize_endpoint, :token_endpoint, :discovery_url, "
            + ":request_timeout_ms, :read_only, :impersonate, :page_size, :max_concurrency, :bc_environment, :bc_company";
    /** {@code column = :column} for every settings column, for UPDATE. */
    public static final String ASSIGNMENTS = String.join(", ",
            Arrays.stream(COLUMNS.split(", ")).map(c -> c + " = :" + c).toList());

    private ConnectionRows() {}

    /** Binds a nullable URI as text. */
    public static <S extends SqlStatement<S>> S bindUri(S statement, String name, URI uri) {
        return statement.bind(name, uri == null ? null : uri.toString());
    }

    /**
     * Binds a nullable UUID. A plain null binds as VARCHAR, which PostgreSQL refuses for a UUID column, so null
     * goes as {@link Types#OTHER}.
     */
    public static <S extends SqlStatement<S>> S bindUuid(S statement, String name, UUID value) {
        return value == null ? statement.bindNull(name, Types.OTHER) : statement.bind(name, value);
    }

    /** Reads a nullable URI column. */
    public static URI uri(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? null : URI.create(value);
    }

    /** Scopes are stored space-separated, as in OAuth2 (RFC 6749 §3.3). */
    public static String joinScopes(List<String> scopes) {
        return String.join(" ", scopes);
    }

    /** Splits stored scopes. */
    public static List<String> splitScopes(String value) {
        return value == null || value.isBlank() ? List.of() : List.of(value.trim().split(" +"));
    }
}
