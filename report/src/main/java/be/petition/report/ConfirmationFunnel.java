package be.petition.report;

import java.util.List;

/**
 * The double opt-in as the gateways count it (README "Confirming by e-mail"): confirmation links mailed (pending),
 * confirmed, expired and invalid, for web signatures and e-mail withdrawals together, and confirmation mails given up.
 * Only the gateways know these: the query API's web counts are confirmed signatures only. The figures are the
 * gateways' Prometheus counters summed over the gateways read, each since its own last start.
 *
 * @param configured whether {@code report.gateway.metrics.urls} names any gateway
 * @param read the gateways whose figures are in the sums
 * @param unreadable the gateways that could not be read, with why (their figures are not in the sums)
 */
public record ConfirmationFunnel(boolean configured, List<String> read, List<Unreadable> unreadable, Counts counts) {
    /** No gateway named: the report says the funnel is not configured. */
    public static final ConfirmationFunnel NOT_CONFIGURED = new ConfirmationFunnel(false, List.of(), List.of(),
            Counts.ZERO);

    /** The metric families read from a gateway's {@code /metrics}. */
    static final String CONFIRMATIONS = "petition_gateway_confirmations_total";
    static final String MAILS = "petition_gateway_mails_total";

    /** A gateway that could not be read, and why (technical, short). */
    public record Unreadable(String url, String reason) {
    }

    /**
     * The funnel's counts.
     *
     * @param pending confirmation links mailed ({@code stage="pending"}: a mail was queued)
     * @param confirmed links confirmed (the event was written to Kafka)
     * @param expired links used after they expired
     * @param invalid links refused as forged or unreadable
     * @param mailsFailed confirmation mails given up after every attempt ({@code outcome="failed"})
     */
    public record Counts(long pending, long confirmed, long expired, long invalid, long mailsFailed) {
        public static final Counts ZERO = new Counts(0, 0, 0, 0, 0);

        /** The counts in one gateway's samples of {@link #CONFIRMATIONS} and {@link #MAILS}, every kind together. */
        static Counts of(List<PrometheusText.Sample> samples) {
            long pending = 0;
            long confirmed = 0;
            long expired = 0;
            long invalid = 0;
            long mailsFailed = 0;
            for (PrometheusText.Sample sample : samples) {
                long value = Math.round(sample.value());
                if (sample.name().equals(CONFIRMATIONS)) {
                    switch (sample.label("stage")) {
                        case "pending" -> pending += value;
                        case "confirmed" -> confirmed += value;
                        case "expired" -> expired += value;
                        case "invalid" -> invalid += value;
                        default -> {
                            // a stage this version does not know is left out rather than put in the wrong row
                        }
                    }
                } else if (sample.name().equals(MAILS) && sample.label("outcome").equals("failed")) {
                    mailsFailed += value;
                }
            }
            return new Counts(pending, confirmed, expired, invalid, mailsFailed);
        }

        Counts plus(Counts other) {
            return new Counts(pending + other.pending, confirmed + other.confirmed, expired + other.expired,
                    invalid + other.invalid, mailsFailed + other.mailsFailed);
        }

        /** Links confirmed per link mailed, in percent; null when none was mailed. */
        public Double confirmedPercent() {
            return pending == 0 ? null : 100.0 * confirmed / pending;
        }
    }

    public ConfirmationFunnel {
        read = List.copyOf(read);
        unreadable = List.copyOf(unreadable);
    }

    /** Whether some gateway was read, so that there are figures to show. */
    public boolean hasFigures() {
        return configured && !read.isEmpty();
    }
}
