package be.petition.audit;

import java.time.LocalDate;
import java.util.Comparator;

/**
 * One count compared: a campaign's channel × region ({@code day} null), or its day × channel × region (a Brussels
 * calendar day). Channels are the enum names (CALL, WEB, APP), as the query API writes them.
 */
public record Cell(String campaign, LocalDate day, String channel, String region) implements Comparable<Cell> {
    private static final Comparator<Cell> ORDER = Comparator.comparing(Cell::campaign)
            .thenComparing(Cell::day, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Cell::channel).thenComparing(Cell::region);

    public boolean isDay() {
        return day != null;
    }

    /** {@code CALL/BE-VAN} or {@code 2023-11-21/CALL/BE-VAN}, with the campaign first when there are several. */
    public String label(boolean withCampaign) {
        return (withCampaign ? campaign + "/" : "") + (day == null ? "" : day + "/") + channel + "/" + region;
    }

    @Override
    public int compareTo(Cell other) {
        return ORDER.compare(this, other);
    }
}
