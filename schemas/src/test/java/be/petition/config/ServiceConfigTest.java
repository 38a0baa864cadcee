package be.petition.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServiceConfigTest {
    private static final String DEFAULTS = "service-config-test.properties";

    @TempDir
    Path dir;

    @Test
    void eachLayerOverridesTheOneBelow() throws IOException {
        Path file = dir.resolve("operator.properties");
        Files.writeString(file, "gateway.host=0.0.0.0\ngateway.port=9000\nkafka.acks=1\n");
        Map<String, String> env = Map.of("PETITION_GATEWAY_PORT", "9100", "PETITION_KAFKA_ACKS", "0");
        Map<String, String> flags = Map.of("kafka.acks", "-1");

        ServiceConfig config = ServiceConfig.load(DEFAULTS, file, env, flags);

        assertThat(config.string("schema.registry.url")).isEqualTo("http://localhost:8081"); // defaults
        assertThat(config.string("gateway.host")).isEqualTo("0.0.0.0");                     // file
        assertThat(config.integer("gateway.port")).isEqualTo(9100);                          // env
        assertThat(config.string("kafka.acks")).isEqualTo("-1");                             // --set
    }

    @Test
    void environmentNamesMapToKeys() {
        ServiceConfig config = ServiceConfig.load(DEFAULTS, null,
                Map.of("PETITION_APP_API_KEY", "k", "PETITION_", "ignored", "HOME", "/root"), Map.of());

        assertThat(config.string("app.api.key")).isEqualTo("k");
        assertThat(config.asMap()).doesNotContainKeys("", "home");
        assertThat(ServiceConfig.envName("kafka.bootstrap.servers")).isEqualTo("PETITION_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void kafkaSettingsPassThroughWithoutThePrefix() {
        ServiceConfig config = ServiceConfig.load(DEFAULTS, null, Map.of(), Map.of(
                "kafka.security.protocol", "SASL_SSL",
                "kafka.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));

        assertThat(config.kafka()).containsOnly(
                Map.entry("bootstrap.servers", "localhost:9092"),
                Map.entry("acks", "all"),
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required;"));
    }

    @Test
    void serdeSettingsTakeConfluentKeysAndServePrefixedOnes() {
        ServiceConfig config = ServiceConfig.of(Map.of(
                "schema.registry.url", "http://registry:8081",
                "basic.auth.user.info", "u:p",
                "auto.register.schemas", "false",
                "value.subject.name.strategy", "RecordNameStrategy",
                "serde.use.latest.version", "true",
                "serde.value.subject.name.strategy", "TopicRecordNameStrategy",
                "gateway.port", "8080"));

        assertThat(config.serde()).containsOnly(
                Map.entry("schema.registry.url", "http://registry:8081"),
                Map.entry("basic.auth.user.info", "u:p"),
                Map.entry("auto.register.schemas", "false"),
                Map.entry("use.latest.version", "true"),
                Map.entry("value.subject.name.strategy", "TopicRecordNameStrategy"));
    }

    @ParameterizedTest
    @CsvSource({"500ms, PT0.5S", "30s, PT30S", "5m, PT5M", "2h, PT2H", "7d, PT168H", "PT1M30S, PT1M30S",
            "pt10s, PT10S"})
    void durationsTakeUnitsOrIso(String text, Duration expected) {
        assertThat(ServiceConfig.of(Map.of("d", text)).duration("d")).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"30", "5 minutes", "ms", "1.5s", "P"})
    void badDurationsSayWhatIsExpected(String text) {
        assertThatThrownBy(() -> ServiceConfig.of(Map.of("gateway.timeout", text)).duration("gateway.timeout"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"gateway.timeout\" must be a duration such as 500ms");
    }

    @Test
    void missingAndMalformedSettingsSayHowToSetThem() {
        ServiceConfig config = ServiceConfig.of(Map.of("port", "eighty", "flag", "yes", "blank", " "));

        assertThatThrownBy(() -> config.string("gateway.pepper"))
                .hasMessageContaining("PETITION_GATEWAY_PEPPER")
                .hasMessageContaining("--set gateway.pepper=");
        assertThatThrownBy(() -> config.string("blank")).hasMessageContaining("Missing setting \"blank\"");
        assertThatThrownBy(() -> config.integer("port")).hasMessageContaining("whole number, not \"eighty\"");
        assertThatThrownBy(() -> config.longValue("port")).hasMessageContaining("whole number");
        assertThatThrownBy(() -> config.bool("flag")).hasMessageContaining("true or false, not \"yes\"");
        assertThat(config.string("absent", "fallback")).isEqualTo("fallback");
    }

    @Test
    void missingDefaultsOrOperatorFileAreClearErrors() {
        assertThatThrownBy(() -> ServiceConfig.load("nope.properties", null, Map.of(), Map.of()))
                .hasMessageContaining("nope.properties is missing from the classpath");
        assertThatThrownBy(() -> ServiceConfig.load(DEFAULTS, dir.resolve("absent.properties"), Map.of(), Map.of()))
                .hasMessageContaining("Cannot read the configuration file");
    }

    @Test
    void withReplacesSomeSettingsInACopy() {
        ServiceConfig config = ServiceConfig.of(Map.of("gateway.port", "8080", "gateway.host", "127.0.0.1"));

        ServiceConfig changed = config.with(Map.of("gateway.port", "0"));

        assertThat(changed.integer("gateway.port")).isZero();
        assertThat(changed.string("gateway.host")).isEqualTo("127.0.0.1");
        assertThat(config.integer("gateway.port")).isEqualTo(8080);
    }

    @Test
    void toStringHidesSecretsAndUrlCredentials() {
        ServiceConfig config = ServiceConfig.of(Map.of(
                "pepper", "pepper-value",
                "app.api.key", "api-key-value",
                "app.install.key", "install-key-value",
                "telephony.token", "token-value",
                "basic.auth.user.info", "user:user-info-value",
                "kafka.sasl.jaas.config", "jaas-value",
                "kafka.ssl.truststore.password", "password-value",
                "schema.registry.url", "https://petition:url-password@registry:8081",
                "gateway.port", "8080"));

        String text = config.toString();

        assertThat(text).doesNotContain("pepper-value", "api-key-value", "install-key-value", "token-value", "user-info-value",
                "jaas-value", "password-value", "url-password");
        assertThat(text).contains("gateway.port=8080", "schema.registry.url=https://[hidden]@registry:8081",
                "pepper=[hidden]");
    }

    @Test
    void secretsComeFromTheSettingOrAFileNamedByIt() throws IOException {
        Path pepperFile = dir.resolve("pepper");
        Files.writeString(pepperFile, "from-file\n");

        assertThat(ServiceConfig.of(Map.of("pepper", "direct", "pepper.file", pepperFile.toString()))
                .secret("pepper")).isEqualTo("direct");
        assertThat(ServiceConfig.load(DEFAULTS, null, Map.of("PETITION_PEPPER_FILE", pepperFile.toString()), Map.of())
                .secret("pepper")).isEqualTo("from-file");
        assertThatThrownBy(() -> ServiceConfig.of(Map.of()).secret("pepper"))
                .hasMessageContaining("PETITION_PEPPER")
                .hasMessageContaining("PETITION_PEPPER_FILE");
        assertThatThrownBy(() -> ServiceConfig.of(Map.of("pepper.file", dir.resolve("absent").toString()))
                .secret("pepper"))
                .hasMessageContaining("Cannot read the secret \"pepper\"");
    }
}
