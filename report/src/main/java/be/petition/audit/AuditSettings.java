package be.petition.audit;

import be.petition.avro.CallStatus;
import be.petition.config.ServiceConfig;
import be.petition.topics.Topics;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The audit's settings, from {@code audit.properties} and the usual overrides. The counting rules are read from the
 * Streams app's own keys ({@code streams.campaigns}, {@code streams.calls.counting.statuses},
 * {@code streams.max.future.skew}, topic renames), so one operator file gives both the same rules.
 */
public record AuditSettings(String apiUrl, Duration apiTimeout, Duration settleTimeout, String callsTopic,
                            String webTopic, String appTopic, String withdrawalsTopic, Set<String> campaigns,
                            Set<CallStatus> countingCallStatuses, Duration maxFutureSkew, String metricsHost,
                            int metricsPort, Map<String, Object> kafka, Map<String, Object> serde) {
    public static final String DEFAULTS_RESOURCE = "audit.properties";
    public static final String API_URL = "audit.api.url";
    public static final String METRICS_PORT = "audit.metrics.port";

    public AuditSettings {
        campaigns = Set.copyOf(new LinkedHashSet<>(campaigns));
        if (campaigns.isEmpty()) {
            throw new AuditException("No campaign to audit: set streams.campaigns, e.g. glenn-2023");
        }
        if (maxFutureSkew.isNegative()) {
            throw new AuditException("streams.max.future.skew must not be negative");
        }
    }

    public static AuditSettings from(ServiceConfig config) {
        Set<CallStatus> statuses = EnumSet.noneOf(CallStatus.class);
        for (String name : list(config.string("streams.calls.counting.statuses"))) {
            try {
                statuses.add(CallStatus.valueOf(name.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new AuditException("Unknown call status \"" + name + "\" in streams.calls.counting.statuses: use"
                        + " some of " + Arrays.toString(CallStatus.values()));
            }
        }
        return new AuditSettings(
                config.string(API_URL),
                config.duration("audit.api.timeout"),
                config.duration("audit.settle.timeout"),
                Topics.CALLS.nameIn(config),
                Topics.WEB.nameIn(config),
                Topics.APP.nameIn(config),
                Topics.WITHDRAWALS.nameIn(config),
                list(config.string("streams.campaigns")),
                statuses,
                config.duration("streams.max.future.skew"),
                config.string("audit.metrics.host"),
                config.integer(METRICS_PORT),
                config.kafka(),
                config.serde());
    }

    private static Set<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
