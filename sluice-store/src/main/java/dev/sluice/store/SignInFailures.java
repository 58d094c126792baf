package dev.sluice.store;

import java.time.Instant;

/**
 * Failed sign-ins counted under one key, and when the last one was (or, with no failures, when the key was last
 * seen succeeding). Immutable and thread-safe.
 *
 * @param failures failures counted
 * @param last the last failure, or the last success for a key that only remembers one
 */
public record SignInFailures(int failures, Instant last) {}
