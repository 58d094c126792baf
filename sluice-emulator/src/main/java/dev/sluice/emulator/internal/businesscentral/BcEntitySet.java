package dev.sluice.emulator.internal.businesscentral;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A standard API v2.0 entity set of a company: its name ({@code customers}), its entity type ({@code customer}),
 * its properties in the order Microsoft's resource page lists them, the business key BC keeps unique (a number field,
 * or null), the prefix of the numbers BC assigns, whether clients may write it, and for document lines the parent
 * set. Immutable.
 */
record BcEntitySet(String name, String entityType, List<BcField> fields, String numberField, String numberPrefix,
        boolean writable, String parentSet, String tableCaption) {

    BcEntitySet {
        fields = List.copyOf(fields);
    }

    /** Specs separated by spaces; an enum's members may contain spaces inside its parentheses. */
    static BcEntitySet of(String name, String entityType, String tableCaption, String numberField, String prefix,
            boolean writable, String parentSet, String fieldSpecs) {
        List<BcField> fields = new ArrayList<>();
        int depth = 0;
        StringBuilder one = new StringBuilder();
        for (char ch : (fieldSpecs.trim() + " ").toCharArray()) {
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            if (Character.isWhitespace(ch) && depth == 0) {
                if (one.length() > 0) {
                    fields.add(BcField.parse(one.toString()));
                }
                one.setLength(0);
            } else {
                one.append(ch);
            }
        }
        return new BcEntitySet(name, entityType, fields, numberField, prefix, writable, parentSet, tableCaption);
    }

    Optional<BcField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
