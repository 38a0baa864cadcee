package be.petition.report;

/** Signatures now in one channel (lower case: call, web, app) and region, as the query API counts them. */
public record ChannelRegionCount(String channel, String region, long count) {
}
