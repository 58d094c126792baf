package dev.sluice.store;

/** The databases every store test runs against. */
enum Backend {
    H2,
    POSTGRES
}
