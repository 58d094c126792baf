package dev.sluice.core;

/**
 * What a remote server wrote (an error message, an error description) as it may be shown to a person: at most
 * {@link #MAX_CHARS} characters, control and formatting characters replaced, marked as cut when cut. Pages and JSON
 * escape it further when they write it. Stateless and thread-safe.
 */
public final class RemoteText {
    /** Enough for Dataverse's and Entra ID's own one-line messages; a page of someone else's HTML is cut. */
    public static final int MAX_CHARS = 300;

    private RemoteText() {}

    /** The excerpt; null stays null. */
    public static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX_CHARS + 1));
        int shown = 0;
        boolean space = false;
        int i = 0;
        while (i < text.length() && shown < MAX_CHARS) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            boolean hidden = Character.isISOControl(cp) || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR || type == Character.PRIVATE_USE
                    || type == Character.SURROGATE || type == Character.UNASSIGNED;
            if (hidden || Character.isWhitespace(cp)) {
                if (!space && shown > 0) {
                    b.append(' ');
                    shown++;
                }
                space = true;
                continue;
            }
            space = false;
            b.appendCodePoint(cp);
            shown++;
        }
        String out = b.toString().strip();
        return i < text.length() && !text.substring(i).isBlank() ? out + " […]" : out;
    }
}
