package be.petition.region;

import be.petition.geography.Regions;
import be.petition.identity.InvalidIdentityException;
import java.util.List;
import java.util.Optional;

/** Belgian postal code to province or Brussels (bpost's ranges: the first digits follow the provinces). */
public final class PostalCodes {
    private record Range(int first, int last, String region) {
    }

    private static final List<Range> RANGES = List.of(
            new Range(1000, 1299, Regions.BRUSSELS),
            new Range(1300, 1499, Regions.WALLOON_BRABANT),
            new Range(1500, 1999, Regions.FLEMISH_BRABANT),
            new Range(2000, 2999, Regions.ANTWERP),
            new Range(3000, 3499, Regions.FLEMISH_BRABANT),
            new Range(3500, 3999, Regions.LIMBURG),
            new Range(4000, 4999, Regions.LIEGE),
            new Range(5000, 5999, Regions.NAMUR),
            new Range(6000, 6599, Regions.HAINAUT),
            new Range(6600, 6999, Regions.LUXEMBOURG),
            new Range(7000, 7999, Regions.HAINAUT),
            new Range(8000, 8999, Regions.WEST_FLANDERS),
            new Range(9000, 9999, Regions.EAST_FLANDERS));

    private PostalCodes() {
    }

    /** The region of a postal code in 1000–9999, or empty. */
    public static Optional<String> region(int postalCode) {
        return RANGES.stream().filter(r -> postalCode >= r.first && postalCode <= r.last).map(Range::region).findFirst();
    }

    /** The region of a postal code as typed ({@code 1000}, {@code " 9000 "}, {@code B-2000}); the code itself is not kept. */
    public static String regionOf(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentityException("is empty");
        }
        String code = raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (code.startsWith("BE-") || code.startsWith("B-")) {
            code = code.substring(code.indexOf('-') + 1);
        }
        if (code.length() != 4 || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new InvalidIdentityException("must be a Belgian postal code of 4 digits (1000 to 9999)");
        }
        return region(Integer.parseInt(code))
                .orElseThrow(() -> new InvalidIdentityException("must be a Belgian postal code of 4 digits (1000 to 9999)"));
    }

    /** The ranges of a region, for the simulator: pairs of first and last code. */
    public static List<int[]> rangesOf(String region) {
        return RANGES.stream().filter(r -> r.region.equals(region)).map(r -> new int[] {r.first, r.last}).toList();
    }
}
