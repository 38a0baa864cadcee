package be.petition.provisioning;

import java.util.Map;

/**
 * A topic as the pipeline wants it.
 *
 * @param configs Kafka topic settings (cleanup.policy, retention.ms, ...) set at creation and checked afterwards
 */
public record TopicSpec(String name, int partitions, short replicationFactor, Map<String, String> configs) {

    public TopicSpec {
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs at least 1 partition, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs a replication factor of at least 1, not "
                    + replicationFactor);
        }
        configs = Map.copyOf(configs);
    }
}
