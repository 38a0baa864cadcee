package be.petition.gateway;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The gateway's Prometheus metrics, in a registry of its own (so two gateways in one JVM do not collide). */
public final class GatewayMetrics {
    final PrometheusRegistry registry = new PrometheusRegistry();
    final Counter requests = Counter.builder().name("petition_gateway_requests_total")
            .help("Requests by channel and outcome (accepted, rejected, unauthorized, limited, unavailable)")
            .labelNames("channel", "outcome").register(registry);
    final Counter signatures = Counter.builder().name("petition_gateway_signatures_total")
            .help("Records Kafka acknowledged, by channel and kind (signature, withheld, not_counting, withdrawal)")
            .labelNames("channel", "outcome").register(registry);
    final Counter rejectedInput = Counter.builder().name("petition_gateway_rejected_input_total")
            .help("Rejected requests by channel and reason (invalid_field, malformed_json, too_large, ...)")
            .labelNames("channel", "reason").register(registry);
    final Histogram produceLatency = Histogram.builder().name("petition_gateway_produce_seconds")
            .help("Time from sending a record to Kafka's acknowledgement, by channel")
            .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10)
            .labelNames("channel").register(registry);
    final Counter installs = Counter.builder().name("petition_gateway_installs_total")
            .help("App install ids issued with their secret (POST /v1/app/installs)").register(registry);
    final Counter installSecretRefusals = Counter.builder().name("petition_gateway_install_secret_refusals_total")
            .help("App requests refused for their install secret, by channel and reason (missing, wrong)")
            .labelNames("channel", "reason").register(registry);
    final Counter callMenu = Counter.builder().name("petition_gateway_call_menu_total")
            .help("Choices in the call menu by outcome (withdrawn once Kafka has it, other_digit, no_caller_id)")
            .labelNames("outcome").register(registry);
    final Gauge inFlight = Gauge.builder().name("petition_gateway_in_flight_requests")
            .help("Requests waiting for Kafka's acknowledgement").register(registry);

    GatewayMetrics() {
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }
}
