package be.petition.query;

import java.util.Locale;

/** How counts are grouped: {@code by=channel|region|channel,region}. */
public enum Grouping {
    CHANNEL("channel"), REGION("region"), CHANNEL_REGION("channel,region");

    private final String parameter;

    Grouping(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public boolean hasChannel() {
        return this != REGION;
    }

    public boolean hasRegion() {
        return this != CHANNEL;
    }

    /** Parses {@code by}; {@code region,channel} is accepted as {@code channel,region}. */
    public static Grouping parse(String by) {
        String value = by.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (value) {
            case "channel" -> CHANNEL;
            case "region" -> REGION;
            case "channel,region", "region,channel" -> CHANNEL_REGION;
            default -> throw new BadRequest("Unknown grouping", "by",
                    "\"" + by + "\" is not one of channel, region, channel,region");
        };
    }
}
