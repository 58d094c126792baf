package dev.sluice.cli;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CLI's one Jackson mapper: decimals read as {@code BigDecimal} so that a value from a record argument or
 * a file keeps every digit; state files (checkpoints, export state) are records and unaffected by it.
 * Thread-safe.
 */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private Json() {}
}
