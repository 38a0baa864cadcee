package be.petition.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import org.apache.avro.Schema;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.api.Test;

class SubjectNameStrategyTest {
    private static final Schema SIGNATURE = Signature.getClassSchema();

    @ParameterizedTest
    @CsvSource({
            "io.confluent.kafka.serializers.subject.TopicNameStrategy, TOPIC_NAME",
            "io.confluent.kafka.serializers.subject.RecordNameStrategy, RECORD_NAME",
            "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy, TOPIC_RECORD_NAME",
            "class io.confluent.kafka.serializers.subject.RecordNameStrategy, RECORD_NAME",
            "TopicNameStrategy, TOPIC_NAME",
            "TOPIC_RECORD_NAME, TOPIC_RECORD_NAME",
    })
    void acceptsConfluentClassNamesAndOwnNames(String name, SubjectNameStrategy expected) {
        assertThat(SubjectNameStrategy.named(name)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void defaultsToTopicName(String name) {
        assertThat(SubjectNameStrategy.named(name)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
    }

    @Test
    void unknownStrategyListsTheKnownOnes() {
        assertThatThrownBy(() -> SubjectNameStrategy.named("com.example.MyStrategy"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("com.example.MyStrategy")
                .hasMessageContaining("RecordNameStrategy");
    }

    @Test
    void subjectsAreConfluents() {
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", false, SIGNATURE)).isEqualTo("t-value");
        assertThat(SubjectNameStrategy.TOPIC_NAME.subject("t", true, SIGNATURE)).isEqualTo("t-key");
        assertThat(SubjectNameStrategy.RECORD_NAME.subject("t", false, SIGNATURE))
                .isEqualTo("be.petition.avro.Signature");
        assertThat(SubjectNameStrategy.TOPIC_RECORD_NAME.subject("t", true, SIGNATURE))
                .isEqualTo("t-be.petition.avro.Signature");
    }
}
