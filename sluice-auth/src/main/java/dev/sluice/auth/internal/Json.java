package dev.sluice.auth.internal;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The auth module's one Jackson mapper (default settings), for the JSON it reads itself. Thread-safe. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}
}
