package dev.sluice.core;

/** How a provider writes records. */
public enum WriteMode {
    CREATE,
    /** Update existing rows by key; a missing row is a failure for that record. */
    UPDATE,
    /** Create or update by key. */
    UPSERT,
    /** Delete by key. */
    DELETE
}
