package be.petition.report;

import be.petition.config.ServiceConfig;
import java.net.URI;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The report's settings, from {@code report.properties} and the usual overrides. {@code campaignStart} is null when
 * not set: the report then takes the first day with a signature. {@code gatewayMetricsUrls} empty: the report has no
 * confirmation funnel (only the gateways count pending confirmations).
 */
public record ReportSettings(String apiUrl, Duration apiTimeout, String campaign, LocalDate launchDate,
        LocalDate campaignStart, List<String> languages, String outDir, int minCount, List<Long> milestones, DayOfWeek scheduleDay,
        LocalTime scheduleTime, Duration scheduleRetry, List<String> gatewayMetricsUrls,
        Duration gatewayMetricsTimeout) {
    public static final String DEFAULTS_RESOURCE = "report.properties";
    public static final List<String> SUPPORTED_LANGUAGES = List.of("fr", "nl", "de", "en");

    public ReportSettings {
        for (String language : languages) {
            if (!SUPPORTED_LANGUAGES.contains(language)) {
                throw new ReportException("Language '" + language + "' is not supported: use some of "
                        + String.join(",", SUPPORTED_LANGUAGES));
            }
        }
        if (languages.isEmpty()) {
            throw new ReportException("No language given: use some of " + String.join(",", SUPPORTED_LANGUAGES));
        }
        gatewayMetricsUrls = List.copyOf(gatewayMetricsUrls);
        for (String url : gatewayMetricsUrls) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new ReportException("report.gateway.metrics.urls: '" + url + "' is not a URL; give the"
                        + " gateways' metrics, comma-separated, e.g. http://127.0.0.1:8080/metrics");
            }
        }
        if (minCount < 1) {
            throw new ReportException("report.min.count must be at least 1, not " + minCount);
        }
    }

    public static ReportSettings from(ServiceConfig config) {
        return new ReportSettings(
                config.string("report.api.url"),
                config.duration("report.api.timeout"),
                config.string("report.campaign", "").isBlank() ? null : config.string("report.campaign").trim(),
                LocalDate.parse(config.string("report.launch.date").trim()),
                config.string("report.campaign.start", "").isBlank() ? null
                        : LocalDate.parse(config.string("report.campaign.start").trim()),
                languages(config.string("report.languages")),
                config.string("report.out.dir"),
                config.integer("report.min.count"),
                Arrays.stream(config.string("report.milestones").split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).map(Long::valueOf).sorted().toList(),
                DayOfWeek.valueOf(config.string("report.schedule.day").trim().toUpperCase(Locale.ROOT)),
                LocalTime.parse(config.string("report.schedule.time").trim()),
                config.duration("report.schedule.retry"),
                list(config.string("report.gateway.metrics.urls", "")),
                config.string("report.gateway.metrics.timeout", "").isBlank() ? Duration.ofSeconds(5)
                        : config.duration("report.gateway.metrics.timeout"));
    }

    /** The non-empty items of a comma-separated list, trimmed, without repeats. */
    static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
                .toList();
    }

    public static List<String> languages(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .filter(s -> !s.isEmpty()).distinct().toList();
    }
}
