package be.petition.topics;

import be.petition.config.ServiceConfig;
import be.petition.serde.SpecificAvroSerde;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * A topic of the pipeline: its default name, its value type and how it is cleaned up. Keys are strings
 * (the signer key, or {@code campaign/channel/region} for counts).
 *
 * @param name default name; a deployment may rename it for every service alike (see {@link #nameIn})
 * @param valueType the Avro class of the values, or null for raw bytes (the rejected topic)
 * @param compacted whether the topic is compacted (latest value per key) rather than deleted by age
 */
public record Topic<V extends SpecificRecord>(String name, Class<V> valueType, boolean compacted) {

    /**
     * The setting that renames this topic, {@code topics.<default name>.name}. The provisioner, the gateway and the
     * topology all read it through {@link #nameIn}, so a rename reaches every service alike.
     */
    public String renameKey() {
        return "topics." + name + ".name";
    }

    /** The name a deployment gives this topic ({@link #renameKey()}), or its default {@link #name()}. */
    public String nameIn(ServiceConfig config) {
        return config.string(renameKey(), name);
    }

    /** A value serde for this topic, configured with the Schema Registry settings. */
    public SpecificAvroSerde<V> valueSerde(Map<String, ?> registryConfig) {
        if (valueType == null) {
            throw new IllegalStateException("Topic " + name + " holds raw bytes, not Avro records");
        }
        SpecificAvroSerde<V> serde = new SpecificAvroSerde<>(valueType);
        serde.configure(registryConfig, false);
        return serde;
    }
}
