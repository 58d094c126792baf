package dev.sluice.emulator.internal.http;

/** Answers one request. Implementations are thread-safe. */
@FunctionalInterface
public interface Handler {
    ApiResponse handle(ApiRequest request);
}
