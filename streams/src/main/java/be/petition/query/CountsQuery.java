package be.petition.query;

import be.petition.avro.Channel;

/**
 * The counts of a campaign grouped {@code by}; with a channel and a region, only that one cell's count (read from the
 * instance that holds it). The channel and the region are both given or both null.
 */
public record CountsQuery(String campaign, Grouping by, Channel channel, String region) {
    public CountsQuery(String campaign, Grouping by) {
        this(campaign, by, null, null);
    }
}
