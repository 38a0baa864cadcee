package be.petition.report;

import be.petition.geography.Regions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which area counts a report hides, so that no published number, nor a difference of published numbers, is a
 * count between 1 and {@code min - 1}. First every area below the minimum is hidden; then, where a published total
 * minus the shown parts would give the hidden ones away (a region's total, the week's total), the smallest shown
 * part is hidden too until the hidden parts add up to 0 or at least {@code min}.
 */
final class SmallCounts {
    private static final Map<String, List<String>> PROVINCES_OF = Map.of(
            Regions.FLANDERS, Regions.FLEMISH_PROVINCES, Regions.WALLONIA, Regions.WALLOON_PROVINCES);
    /** Rows hidden first when the week's total would give a small row away: they have no breakdown on the map. */
    private static final List<String> UNDIVIDED_ROWS = List.of(Regions.BRUSSELS, Regions.BELGIUM,
            ReportRegions.ABROAD, Regions.UNKNOWN);

    private SmallCounts() {
    }

    /** The hidden province and region codes (Brussels is both). */
    static Set<String> hidden(Map<String, Long> provinces, Map<String, Long> regions, int min) {
        Set<String> hidden = new HashSet<>();
        provinces.forEach((code, count) -> {
            if (count < min) {
                hidden.add(code);
            }
        });
        regions.forEach((code, count) -> {
            if (count < min) {
                hidden.add(code);
            }
        });
        for (String region : List.of(Regions.FLANDERS, Regions.WALLONIA)) {
            if (!hidden.contains(region)) {
                protect(PROVINCES_OF.get(region), provinces, hidden, min);
            }
        }
        List<String> rows = new ArrayList<>(UNDIVIDED_ROWS);
        rows.addAll(List.of(Regions.FLANDERS, Regions.WALLONIA));
        List<String> newlyHidden = protect(rows, regions, hidden, min);
        for (String region : newlyHidden) {
            List<String> parts = PROVINCES_OF.get(region);
            if (parts != null && parts.stream().noneMatch(hidden::contains)) {
                // A region hidden only to protect another row must not be rebuilt from its shown provinces.
                parts.stream().min((a, b) -> Long.compare(provinces.get(a), provinces.get(b))).ifPresent(hidden::add);
            }
        }
        return Set.copyOf(hidden);
    }

    /**
     * Hides the smallest shown cells of a group whose total is published, in the order given for ties, until its
     * hidden cells add up to 0 or at least {@code min}; returns the cells it hid.
     */
    private static List<String> protect(List<String> group, Map<String, Long> counts, Set<String> hidden, int min) {
        List<String> added = new ArrayList<>();
        while (true) {
            long hiddenSum = group.stream().filter(hidden::contains).mapToLong(counts::get).sum();
            if (hiddenSum == 0 || hiddenSum >= min) {
                return added;
            }
            String smallest = null;
            for (String cell : group) {
                if (!hidden.contains(cell) && (smallest == null || counts.get(cell) < counts.get(smallest))) {
                    smallest = cell;
                }
            }
            if (smallest == null) {
                return added;
            }
            hidden.add(smallest);
            added.add(smallest);
        }
    }
}
