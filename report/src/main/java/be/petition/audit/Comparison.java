package be.petition.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;

/** Every cell of the recount against the live counts: missing on one side means zero there. */
final class Comparison {
    private Comparison() {
    }

    /**
     * The live counts of some campaigns: every channel × region cell, and the day cells of the days
     * {@code [from, to)}. The live channel × region total minus its day cells in that range is what it counted on
     * other days, which the recount never has (its days are all within the range).
     */
    record Live(SortedMap<Cell, Long> counts, LocalDate from, LocalDate to) {
    }

    static List<Difference> differences(SortedMap<Cell, Long> recount, Live live, Iterable<String> campaigns,
                                        boolean withCampaign) {
        List<Difference> differences = new ArrayList<>();
        TreeSet<Cell> cells = new TreeSet<>(recount.keySet());
        cells.addAll(live.counts().keySet());
        for (Cell cell : cells) {
            long counted = recount.getOrDefault(cell, 0L);
            long shown = live.counts().getOrDefault(cell, 0L);
            if (counted != shown) {
                differences.add(new Difference(cell.isDay() ? Difference.DAY : Difference.CHANNEL_REGION, cell.campaign(),
                        cell.label(withCampaign), counted, shown));
            }
        }
        for (String campaign : campaigns) {
            long total = total(live.counts(), campaign, false);
            long days = total(live.counts(), campaign, true);
            if (total != days) {
                differences.add(new Difference(Difference.DAYS_OUTSIDE, campaign, (withCampaign ? campaign + "/" : "") + "days outside "
                        + live.from() + ".." + live.to().minusDays(1), 0, total - days));
            }
        }
        return differences;
    }

    /** The channel × region total of a campaign, or the sum of its day cells. */
    static long total(Map<Cell, Long> counts, String campaign, boolean days) {
        long total = 0;
        for (Map.Entry<Cell, Long> entry : counts.entrySet()) {
            if (entry.getKey().campaign().equals(campaign) && entry.getKey().isDay() == days) {
                total += entry.getValue();
            }
        }
        return total;
    }
}
