package be.petition.simulator;

import be.petition.config.ServiceConfig;
import be.petition.gateway.Prepared;
import be.petition.gateway.Publisher;
import be.petition.gateway.RejectedRequest;
import be.petition.identity.SignerKey;

/**
 * Writes straight to Kafka, for load tests of the topology: the records are built from the plan with the
 * gateway's own record code ({@link DirectRecords}), so the ground truth holds either way. Nothing waits per
 * record: the producer batches, and its acknowledgements update the truth.
 */
final class KafkaTransport implements Transport {
    private final DirectRecords records;
    private final Publisher publisher;

    KafkaTransport(ServiceConfig config, String campaign) {
        this.records = new DirectRecords(SignerKey.fromConfig(config), campaign, System::currentTimeMillis);
        this.publisher = Publisher.fromConfig(config, "petition-simulator");
    }

    @Override
    public void send(Planned planned, Listener listener) {
        Prepared prepared;
        try {
            prepared = records.prepare(planned);
        } catch (RejectedRequest e) {
            listener.answered(planned, e.status(), null, 0);
            return;
        }
        publisher.send(prepared, (metadata, error) -> listener.answered(planned, error == null ? 202 : 503,
                prepared.eventId(), prepared.eventTime()));
    }

    @Override
    public void close() {
        publisher.close();
    }
}
