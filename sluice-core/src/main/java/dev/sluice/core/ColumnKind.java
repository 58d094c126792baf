package dev.sluice.core;

/** Portable column types of the record provider SPI; each provider maps its own types onto these. */
public enum ColumnKind {
    STRING, INTEGER, DECIMAL, DOUBLE, BOOLEAN, DATETIME, GUID,
    /** An option set value (integer) with labels. */
    CHOICE,
    /** A reference to a row of another table. */
    LOOKUP,
    /** Anything else, carried as text. */
    OTHER
}
