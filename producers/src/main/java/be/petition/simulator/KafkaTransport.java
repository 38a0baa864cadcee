package be.petition.simulator;

import be.petition.config.ServiceConfig;
import be.petition.gateway.Intake;
import be.petition.gateway.Prepared;
import be.petition.gateway.Publisher;
import be.petition.gateway.RejectedRequest;
import be.petition.identity.SignerKey;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Writes straight to Kafka, for load tests of the topology: the gateway's own {@link Intake} turns each request
 * into the record the gateway would write, so the ground truth holds either way.
 */
final class KafkaTransport implements Transport {
    private final Intake intake;
    private final Publisher publisher;

    KafkaTransport(ServiceConfig config, String campaign) {
        this.intake = new Intake(SignerKey.fromConfig(config), campaign, Set.of(campaign), System::currentTimeMillis);
        this.publisher = Publisher.fromConfig(config, "petition-simulator");
    }

    @Override
    public CompletableFuture<Integer> send(Planned planned) {
        Prepared prepared;
        try {
            String expectedType = planned.form() != null ? TrafficPlan.FORM_TYPE : TrafficPlan.JSON_TYPE;
            if (!planned.contentType().equals(expectedType)) {
                return CompletableFuture.completedFuture(415);
            }
            prepared = switch (planned.path()) {
                case TrafficPlan.WEB -> intake.web(planned.body());
                case TrafficPlan.APP -> intake.app(planned.body());
                case TrafficPlan.WITHDRAWALS -> intake.withdrawal(planned.body());
                case TrafficPlan.CALLS -> intake.call(planned.form());
                default -> throw new IllegalArgumentException("No route for " + planned.path());
            };
        } catch (RejectedRequest e) {
            return CompletableFuture.completedFuture(e.status());
        }
        return publisher.send(prepared).handle((metadata, error) -> error == null ? 202 : 503);
    }

    @Override
    public void close() {
        publisher.close();
    }
}
