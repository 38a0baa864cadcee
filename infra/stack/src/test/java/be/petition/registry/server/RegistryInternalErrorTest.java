package be.petition.registry.server;

import static be.petition.registry.server.RegistryHttp.schemaBody;
import static org.assertj.core.api.Assertions.assertThat;

import be.petition.registry.server.RegistryHttp.Answer;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.javalin.Javalin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** An unexpected failure answers 500 with an error id and nothing of the exception; the log has the rest. */
class RegistryInternalErrorTest {
    static final String SECRET = "broker-7.internal.example:9092 said no";

    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger routesLogger = (Logger) LoggerFactory.getLogger(RegistryRoutes.class);
    Javalin http;

    @BeforeEach
    void start() {
        log.start();
        routesLogger.addAppender(log);
        StoreWriter failing = records -> {
            throw new IllegalStateException(SECRET);
        };
        http = RegistryServer.http(new RegistryRoutes(new RegistryCore(new SchemaStore(), failing),
                RegistryAccess.open()), "127.0.0.1", 0).start();
    }

    @AfterEach
    void stop() {
        http.stop();
        routesLogger.detachAppender(log);
    }

    @Test
    void answersAGenericMessageWithAnIdAndLogsTheException() {
        Answer answer = new RegistryHttp("http://127.0.0.1:" + http.port())
                .post("/subjects/s-value/versions", schemaBody(RegistryApiIT.V1));

        assertThat(answer.status()).isEqualTo(500);
        assertThat(answer.errorCode()).isEqualTo(50001);
        assertThat(answer.text()).doesNotContain("broker-7", "IllegalStateException", "said no");
        String message = answer.json().path("message").asText();
        String errorId = message.replaceAll(".*error id ([0-9a-f-]{36}).*", "$1");
        assertThat(errorId).hasSize(36);
        assertThat(log.list).anySatisfy(event -> {
            assertThat(event.getFormattedMessage()).contains(errorId);
            assertThat(event.getThrowableProxy().getMessage()).isEqualTo(SECRET);
        });
    }
}
