package dev.sluice.emulator;

/**
 * How many requests with one method and path template got one status. Immutable.
 *
 * @param method the HTTP method
 * @param path the raw path without the query, with record keys replaced by {@code ({key})} and GUID
 *     segments by {@code {id}}, e.g. {@code /api/data/v9.2/accounts({key})}
 * @param status the status answered
 * @param count how many
 */
public record RequestCount(String method, String path, int status, long count) {}
