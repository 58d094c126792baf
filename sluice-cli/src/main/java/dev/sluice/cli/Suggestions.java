package dev.sluice.cli;

import dev.sluice.core.NearestName;
import java.util.Collection;
import java.util.Optional;

/** "Did you mean …?": the closest known name to a mistyped one, by edit distance. Stateless. */
final class Suggestions {
    private Suggestions() {}

    /** The closest candidate (see {@link NearestName}), if any. */
    static Optional<String> closest(String typed, Collection<String> candidates) {
        return Optional.ofNullable(NearestName.of(typed, candidates));
    }

    /** " (did you mean 'x'?)" or "". */
    static String didYouMean(String typed, Collection<String> candidates) {
        return closest(typed, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }
}
