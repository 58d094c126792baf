package dev.sluice.flow.internal;

import java.util.Set;

/** Names CEL reserves, which cannot be variables. */
final class CelReserved {
    /** CEL language definition: reserved identifiers and literals. */
    static final Set<String> WORDS = Set.of("true", "false", "null", "in", "as", "break", "const", "continue", "else",
            "for", "function", "if", "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
            CelValues.ROW);

    private CelReserved() {}
}
