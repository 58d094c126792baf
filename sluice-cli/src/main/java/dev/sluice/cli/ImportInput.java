package dev.sluice.cli;

/**
 * One input record of an import before conversion. Immutable.
 *
 * @param line the line it starts on (1-based)
 * @param raw its raw form, for the rejects file: the CSV fields (a list of strings) or the JSON object (a map),
 *     or the text of a JSON line that is not an object
 * @param text its text as read, from which a create's id is derived (a CSV source leaves it null unless the import
 *     creates: no other mode uses it)
 */
record ImportInput(long line, Object raw, String text) {}
