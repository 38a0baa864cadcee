package be.petition.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.config.ServiceConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryServerSettingsTest {
    @Test
    void connectionsAndAcceptQueueDefaultAboveTheLiveCountersCapAndJavasBacklog() {
        QueryServerSettings settings = QueryServerSettings.from(ServiceConfig.of(Map.of()));

        assertThat(settings.maxConnections()).isGreaterThan(settings.liveMaxClients());
        assertThat(settings.acceptQueue()).isEqualTo(1024);
    }

    @Test
    void aConnectionLimitBelowOneNamesTheSetting() {
        assertThatThrownBy(() -> QueryServerSettings.from(ServiceConfig.of(
                Map.of(QueryServerSettings.MAX_CONNECTIONS, "0"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Setting \"streams.http.max.connections\" must be at least 1, not 0");
    }
}
