package be.petition.topology;

import be.petition.avro.CallStatus;
import be.petition.config.ServiceConfig;
import be.petition.topics.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the topology needs to know about the deployment: topic names, the campaigns it counts, which call statuses
 * sign, how far in the future an event may claim to be, and how often summed count changes are sent on.
 */
public record TopologySettings(String callsTopic, String webTopic, String appTopic, String withdrawalsTopic,
                               String acceptedTopic, String rejectedTopic, String countsTopic,
                               Set<String> campaigns, Set<CallStatus> countingCallStatuses,
                               Duration maxFutureSkew, Duration tallyFlushInterval) {
    public static final String CAMPAIGNS = "streams.campaigns";
    public static final String COUNTING_CALL_STATUSES = "streams.calls.counting.statuses";
    public static final String MAX_FUTURE_SKEW = "streams.max.future.skew";
    public static final String TALLY_FLUSH_INTERVAL = "streams.tally.flush.interval";

    public static final String DEFAULT_CAMPAIGN = "glenn-2023";
    public static final Set<CallStatus> DEFAULT_COUNTING_CALL_STATUSES =
            Set.copyOf(EnumSet.of(CallStatus.IN_PROGRESS, CallStatus.COMPLETED));
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);
    public static final Duration DEFAULT_TALLY_FLUSH_INTERVAL = Duration.ofMillis(100);

    /** @param campaigns in their configured order (a sorted or linked set): the first is the default campaign */
    public TopologySettings {
        campaigns = Collections.unmodifiableSet(new LinkedHashSet<>(campaigns));
        countingCallStatuses = Set.copyOf(countingCallStatuses);
        if (campaigns.isEmpty()) {
            throw new IllegalArgumentException("No campaign to count: set " + CAMPAIGNS + ", e.g. glenn-2023");
        }
        for (String campaign : campaigns) {
            if (campaign.isBlank() || campaign.contains(CountKeys.SEPARATOR)) {
                throw new IllegalArgumentException("Campaign id \"" + campaign + "\" in " + CAMPAIGNS
                        + " must be non-empty and without \"/\" (it is the first part of the count keys)");
            }
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException(MAX_FUTURE_SKEW + " must not be negative");
        }
        if (tallyFlushInterval.toMillis() < 1) {
            throw new IllegalArgumentException(TALLY_FLUSH_INTERVAL + " must be at least 1ms");
        }
    }

    /** The default topic names of {@link Topics}, one campaign, and the default rules. */
    public static TopologySettings defaults() {
        return new TopologySettings(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name(),
                Topics.WITHDRAWALS.name(), Topics.ACCEPTED.name(), Topics.REJECTED.name(), Topics.COUNTS.name(),
                Set.of(DEFAULT_CAMPAIGN), DEFAULT_COUNTING_CALL_STATUSES, DEFAULT_MAX_FUTURE_SKEW,
                DEFAULT_TALLY_FLUSH_INTERVAL);
    }

    /**
     * From {@code streams.properties}: {@code streams.campaigns}, {@code streams.calls.counting.statuses},
     * {@code streams.max.future.skew}, and topic renames ({@link be.petition.topics.Topic#nameIn}) as {@code petition topics}
     * and the gateway read them.
     */
    public static TopologySettings from(ServiceConfig config) {
        Set<CallStatus> statuses = EnumSet.noneOf(CallStatus.class);
        for (String name : list(config.string(COUNTING_CALL_STATUSES, "IN_PROGRESS,COMPLETED"))) {
            try {
                statuses.add(CallStatus.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown call status \"" + name + "\" in " + COUNTING_CALL_STATUSES
                        + ": use some of " + Arrays.toString(CallStatus.values()));
            }
        }
        return new TopologySettings(
                Topics.CALLS.nameIn(config),
                Topics.WEB.nameIn(config),
                Topics.APP.nameIn(config),
                Topics.WITHDRAWALS.nameIn(config),
                Topics.ACCEPTED.nameIn(config),
                Topics.REJECTED.nameIn(config),
                Topics.COUNTS.nameIn(config),
                list(config.string(CAMPAIGNS, DEFAULT_CAMPAIGN)),
                statuses,
                config.asMap().containsKey(MAX_FUTURE_SKEW) ? config.duration(MAX_FUTURE_SKEW)
                        : DEFAULT_MAX_FUTURE_SKEW,
                config.asMap().containsKey(TALLY_FLUSH_INTERVAL) ? config.duration(TALLY_FLUSH_INTERVAL)
                        : DEFAULT_TALLY_FLUSH_INTERVAL);
    }

    /** The campaign counted when a query names none: the first one configured. */
    public String defaultCampaign() {
        return campaigns.iterator().next();
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
