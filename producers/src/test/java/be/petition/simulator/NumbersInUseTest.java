package be.petition.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NumbersInUseTest {

    @Test
    void answersAsASetOfLongsWouldThroughManyGrowths() {
        NumbersInUse numbers = new NumbersInUse();
        Set<Long> expected = new HashSet<>();
        Random random = new Random(2023);
        for (int i = 0; i < 300_000; i++) {
            // a small range, so that repeats come often, and values that differ only in their high bits
            long hash = i % 3 == 0 ? random.nextInt(100_000) : (long) random.nextInt(1000) << 48;
            assertThat(numbers.add(hash)).as("add %d", hash).isEqualTo(expected.add(hash));
        }
        assertThat(numbers.size()).isEqualTo(expected.size());
    }

    @Test
    void zeroIsAHashLikeAnyOther() {
        NumbersInUse numbers = new NumbersInUse();
        assertThat(numbers.add(0)).isTrue();
        assertThat(numbers.add(0)).isFalse();
        assertThat(numbers.add(-1)).isTrue();
        assertThat(numbers.add(-1)).isFalse();
        assertThat(numbers.size()).isEqualTo(2);
    }
}
