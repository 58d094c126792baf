package dev.sluice.server.internal.design;

/**
 * Something wrong with the designer's form, and the field it is about (an element id on the page, or empty for the
 * flow as a whole). Immutable.
 *
 * @param field the id of the field to fix, or empty
 * @param message what is wrong and what to do
 */
public record FieldProblem(String field, String message) {}
