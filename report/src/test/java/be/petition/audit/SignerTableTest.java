package be.petition.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignerTableTest {

    @Test
    void canonicalUuidsOrderByTheirBitsAsTheirStringsDo() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            UUID a = new UUID(random.nextLong(), random.nextLong());
            UUID b = i % 10 == 0 ? new UUID(a.getMostSignificantBits(), random.nextLong())
                    : new UUID(random.nextLong(), random.nextLong());
            long[] x = SignerTable.uuid(a.toString());
            long[] y = SignerTable.uuid(b.toString());
            int bits = Long.compareUnsigned(x[0], y[0]) != 0 ? Long.compareUnsigned(x[0], y[0])
                    : Long.compareUnsigned(x[1], y[1]);
            assertThat(Integer.signum(bits)).as("%s vs %s", a, b).isEqualTo(Integer.signum(a.toString()
                    .compareTo(b.toString())));
            assertThat(new UUID(x[0], x[1])).isEqualTo(a);
        }
    }

    @Test
    void onlyCanonicalLowerCaseUuidsAreKeptAsBits() {
        // an upper-case UUID is another string than its lower-case form: kept as a string, never merged with it
        assertThat(SignerTable.uuid("0F000000-0000-3000-8000-000000000000")).isNull();
        assertThat(SignerTable.uuid("e-1")).isNull();
        assertThat(SignerTable.uuid("0f000000-0000-3000-8000-00000000000g")).isNull();
        assertThat(SignerTable.uuid("0f000000-0000-3000-8000-000000000000")).isNotNull();
    }

    @Test
    void keysThatDifferAnywhereHashApart() {
        Set<String> hashes = new HashSet<>();
        String base = "Xk2hJ0u9m3b1QfT7yZr5a8WcVdE4sN6pLgHoKiUjYtR";
        for (int position = 0; position < base.length(); position++) {
            for (char c = 'A'; c <= 'Z'; c++) {
                String key = base.substring(0, position) + c + base.substring(position + 1);
                long[] hash = SignerTable.hash(key);
                hashes.add(key.equals(base) ? "base" : hash[0] + ":" + hash[1]);
            }
        }
        // every one-character change of a 43-character key gives a hash of its own
        long variants = base.length() * 26L - base.chars().filter(ch -> ch >= 'A' && ch <= 'Z').count();
        assertThat(hashes).hasSize((int) variants + 1);
        assertThat(SignerTable.hash("ab")).isNotEqualTo(SignerTable.hash("ba"));
        assertThat(SignerTable.hash("")).isNotEqualTo(SignerTable.hash("\0"));
    }

    @Test
    void tableGrowsAndFindsEverySignerAgain() {
        SignerTable table = new SignerTable();
        for (int i = 0; i < 200_000; i++) {
            table.add("signer-" + i, SignerTable.SIGNATURE, "e" + i, i, 1);
        }
        for (int i = 0; i < 200_000; i += 7) {
            table.add("signer-" + i, SignerTable.WITHDRAWAL, "w" + i, i + 1, 0);
        }
        assertThat(table.signers()).isEqualTo(200_000);
        long[] counted = new long[1];
        table.forEachCounted((time, cell) -> counted[0]++);
        assertThat(counted[0]).isEqualTo(200_000 - (200_000 + 6) / 7);
    }
}
