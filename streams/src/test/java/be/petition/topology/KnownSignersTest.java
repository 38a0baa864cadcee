package be.petition.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KnownSignersTest {
    private static List<String> keys(int n) {
        List<String> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            keys.add("glenn-2023/" + UUID.randomUUID());
        }
        return keys;
    }

    @Test
    void everyKeyAddedIsKnownAlsoWhenTheFilterGrowsPastItsFirstCapacity() {
        KnownSigners known = new KnownSigners(0);
        long firstBytes = known.bytes();
        List<String> added = keys((int) (3 * KnownSigners.MIN_CAPACITY));
        added.forEach(known::add);

        assertThat(added).allMatch(known::mightContain);
        assertThat(known.bytes()).as("grown by layers").isGreaterThan(firstBytes);
        assertThat(known.size()).isBetween((long) (0.98 * added.size()), (long) added.size());
    }

    @Test
    void fewKeysItHasNotSeenSeemKnownSoTheLedgerSkipsMostLookups() {
        KnownSigners known = new KnownSigners(0);
        keys((int) (3 * KnownSigners.MIN_CAPACITY)).forEach(known::add);

        List<String> unseen = keys(200_000);
        long seemKnown = unseen.stream().filter(known::mightContain).count();
        assertThat(seemKnown).as("false positives of 200,000 over three full layers").isLessThan(10_000);
    }

    @Test
    void anEmptyFilterKnowsNoKey() {
        KnownSigners known = new KnownSigners(0);
        assertThat(keys(10_000)).noneMatch(known::mightContain);
        assertThat(known.size()).isZero();
    }
}
