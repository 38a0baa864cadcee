package be.petition.serde;

import org.apache.avro.Schema;

/**
 * How a subject name is chosen, as in Confluent's serdes. Accepts Confluent's class names too, so an
 * operator's {@code value.subject.name.strategy=io.confluent...RecordNameStrategy} means the same here.
 */
public enum SubjectNameStrategy {
    /** {@code <topic>-key} / {@code <topic>-value}: one record type per topic. The default. */
    TOPIC_NAME,
    /** The record's full name: one type shared by many topics. */
    RECORD_NAME,
    /** {@code <topic>-<record full name>}: several types in one topic. */
    TOPIC_RECORD_NAME;

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case RECORD_NAME -> schema.getFullName();
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
        };
    }

    public static SubjectNameStrategy named(String name) {
        if (name == null || name.isBlank()) {
            return TOPIC_NAME;
        }
        String simple = name.substring(name.lastIndexOf('.') + 1).trim();
        return switch (simple) {
            case "TopicNameStrategy", "TOPIC_NAME" -> TOPIC_NAME;
            case "RecordNameStrategy", "RECORD_NAME" -> RECORD_NAME;
            case "TopicRecordNameStrategy", "TOPIC_RECORD_NAME" -> TOPIC_RECORD_NAME;
            default -> throw new IllegalArgumentException("Unknown subject name strategy \"" + name
                    + "\": use TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
        };
    }
}
