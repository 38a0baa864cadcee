package be.petition.topics;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.config.ServiceConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void aDeploymentRenamesATopicByItsDefaultName() {
        ServiceConfig config = ServiceConfig.of(Map.of("topics.signatures.web.v1.name", "acme.web"));

        assertThat(Topics.WEB.renameKey()).isEqualTo("topics.signatures.web.v1.name");
        assertThat(Topics.WEB.nameIn(config)).isEqualTo("acme.web");
        // other topics keep their default names
        assertThat(Topics.CALLS.nameIn(config)).isEqualTo("signatures.call.v1");
        assertThat(Topics.SCHEMAS.nameIn(ServiceConfig.of(Map.of()))).isEqualTo("_schemas");
    }
}
