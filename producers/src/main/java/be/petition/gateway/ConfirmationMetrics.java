package be.petition.gateway;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;

/** The double opt-in's metrics, in the gateway's registry: the confirmation funnel and the mails. */
final class ConfirmationMetrics {
    final Counter confirmations;
    final Counter mails;
    final Gauge mailQueue;

    ConfirmationMetrics(GatewayMetrics gateway) {
        confirmations = Counter.builder().name("petition_gateway_confirmations_total")
                .help("Double opt-in by stage (pending: mail queued; confirmed: Kafka has the event; expired,"
                        + " invalid: a refused link) and kind (signature, withdrawal)")
                .labelNames("stage", "kind").register(gateway.registry);
        mails = Counter.builder().name("petition_gateway_mails_total")
                .help("Confirmation mails by outcome (sent; retried: an attempt failed, another follows; failed:"
                        + " given up after every attempt)")
                .labelNames("outcome").register(gateway.registry);
        mailQueue = Gauge.builder().name("petition_gateway_mail_queue")
                .help("Confirmation mails queued or being sent").register(gateway.registry);
    }
}
