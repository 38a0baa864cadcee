package be.petition.report;

import java.time.LocalDate;

/**
 * Signatures of one Brussels calendar day, channel and region, as the query API's day history gives them.
 *
 * @param channel {@code call}, {@code web} or {@code app} (lower case)
 * @param region an ISO 3166-2 province, {@code BE-BRU}, {@code BE}, a country code or {@code ZZ}
 */
public record DayCount(LocalDate day, String channel, String region, long count) {
}
