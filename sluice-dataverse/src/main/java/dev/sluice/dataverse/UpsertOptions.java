package dev.sluice.dataverse;

/** How an upsert may act: create or update (default), create only, or update only. */
public enum UpsertOptions {
    /** Create when missing, update when present. */
    UPSERT,
    /** {@code If-None-Match: *}: fail with CONFLICT when the row exists. */
    CREATE_ONLY,
    /** {@code If-Match: *}: fail with NOT_FOUND when the row is missing. */
    UPDATE_ONLY
}
