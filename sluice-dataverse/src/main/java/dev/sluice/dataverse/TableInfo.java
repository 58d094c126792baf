package dev.sluice.dataverse;

/** A table's names as Dataverse defines them: logical name, entity set name, primary id and name columns. */
public record TableInfo(String logicalName, String entitySetName, String primaryIdAttribute, String primaryNameAttribute) {}
