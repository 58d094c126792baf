package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNameTest {
    static final List<String> COLUMNS = List.of("accountid", "name", "revenue", "emailaddress1", "telephone1");

    @Test
    void aTypoFindsTheColumnIgnoringCase() {
        assertThat(NearestName.of("nmae", COLUMNS)).isEqualTo("name");
        assertThat(NearestName.of("REVENUE", COLUMNS)).isEqualTo("revenue");
        assertThat(NearestName.of("revenu", COLUMNS)).isEqualTo("revenue");
    }

    @Test
    void theNearestNameIsAcceptedFartherAwayWhenItStartsWithWhatWasTyped() {
        assertThat(NearestName.of("telephone", COLUMNS)).isEqualTo("telephone1");
        assertThat(NearestName.of("emailaddr", COLUMNS)).isEqualTo("emailaddress1"); // 4 edits, over the 3 allowed
        assertThat(NearestName.of("emailaddr", List.of("emailaddress1", "emailaddr99"))).isEqualTo("emailaddr99");
    }

    @Test
    void nothingCloseMeansNoSuggestion() {
        assertThat(NearestName.of("zzzzzzzz", COLUMNS)).isNull();
        assertThat(NearestName.of("x", List.of())).isNull();
        assertThat(NearestName.of(null, COLUMNS)).isNull();
    }

    @Test
    void distanceIsTheLevenshteinDistance() {
        assertThat(NearestName.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NearestName.distance("", "abc")).isEqualTo(3);
        assertThat(NearestName.distance("same", "same")).isZero();
        assertThat(NearestName.distance("ab", "ba")).isEqualTo(2);
    }
}
