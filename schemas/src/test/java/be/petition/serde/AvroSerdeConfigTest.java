package be.petition.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void defaultsAreConfluents() {
        AvroSerdeConfig config = new AvroSerdeConfig(Map.of("schema.registry.url", "http://r:8081"));

        assertThat(config.autoRegisterSchemas()).isTrue();
        assertThat(config.useLatestVersion()).isFalse();
        assertThat(config.latestCompatibilityStrict()).isTrue();
        assertThat(config.subjectNameStrategy(false)).isEqualTo(SubjectNameStrategy.TOPIC_NAME);
        assertThat(config.basicAuthUserInfo()).isNull();
    }

    @Test
    void urlsMayBeAListOrCommaSeparated() {
        assertThat(new AvroSerdeConfig(Map.of("schema.registry.url", " http://a:8081 , http://b:8081,"))
                .registryUrls()).containsExactly("http://a:8081", "http://b:8081");
        assertThat(new AvroSerdeConfig(Map.of("schema.registry.url", List.of("http://a:8081", "http://b:8081")))
                .registryUrls()).containsExactly("http://a:8081", "http://b:8081");
    }

    @Test
    void missingUrlSaysWhatToSet() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of()).registryUrl())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("schema.registry.url")
                .hasMessageContaining("http://localhost:8081");
    }

    @Test
    void userInfoComesFromEitherKeyAndPasswordsAreRead() {
        assertThat(new AvroSerdeConfig(Map.of("basic.auth.user.info", new Password("u:p"))).basicAuthUserInfo())
                .isEqualTo("u:p");
        assertThat(new AvroSerdeConfig(Map.of("schema.registry.basic.auth.user.info", "v:q")).basicAuthUserInfo())
                .isEqualTo("v:q");
        assertThat(new AvroSerdeConfig(Map.of("basic.auth.credentials.source", "url",
                "basic.auth.user.info", "u:p")).basicAuthUserInfo()).isNull();
        assertThat(new AvroSerdeConfig(Map.of("schema.registry.basic.auth.credentials.source", "URL",
                "basic.auth.user.info", "u:p")).basicAuthUserInfo()).isNull();
    }

    @Test
    void unsupportedCredentialSourcesAreNamed() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("basic.auth.credentials.source", "SASL_INHERIT"))
                .basicAuthUserInfo()).hasMessageContaining("SASL_INHERIT is not supported");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("basic.auth.credentials.source", "TOKEN"))
                .basicAuthUserInfo()).hasMessageContaining("use USER_INFO or URL");
    }

    @Test
    void malformedValuesAreNamed() {
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("auto.register.schemas", "yes")).autoRegisterSchemas())
                .hasMessageContaining("\"auto.register.schemas\" must be true or false, not \"yes\"");
        assertThatThrownBy(() -> new AvroSerdeConfig(Map.of("max.retries", "many")).maxRetries())
                .hasMessageContaining("\"max.retries\" must be a whole number");
        assertThat(new AvroSerdeConfig(Map.of("use.latest.version", true)).useLatestVersion()).isTrue();
        assertThat(new AvroSerdeConfig(Map.of("max.retries", 7)).maxRetries()).isEqualTo(7);
    }

    @Test
    void nullValuesMeanNotSet() {
        Map<String, Object> configs = new java.util.HashMap<>();
        configs.put("schema.registry.url", "http://r:8081");
        configs.put("auto.register.schemas", null);

        assertThat(new AvroSerdeConfig(configs).autoRegisterSchemas()).isTrue();
    }
}
