package dev.sluice.auth;

import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON for tests. */
final class Wire {
    static final ObjectMapper JSON = new ObjectMapper();

    private Wire() {}
}
