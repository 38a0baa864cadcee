package be.petition.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class AnswerCacheTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2023-11-22T10:17:00Z"));
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    };
    private final AnswerCache cache = new AnswerCache(Duration.ZERO, new ObjectMapper(), clock);

    @Test
    void whileNoInstanceCanReadTheCountsTheLastAnswerComesBackMarkedStaleWithWhenItWasRead() {
        assertThat(body(cache.json("total", () -> new Total("glenn-2023", 29, false))))
                .isEqualTo("{\"campaign\":\"glenn-2023\",\"total\":29,\"asOf\":\"2023-11-22T10:17:00Z\"}");

        now.set(Instant.parse("2023-11-22T10:18:00Z"));
        AnswerCache.Rendered moving = cache.json("total", () -> {
            throw new CountsUnavailable("counts are being moved between instances");
        });

        assertThat(body(moving)).as("the fields in their order, stale, and the time they were read")
                .isEqualTo("{\"campaign\":\"glenn-2023\",\"total\":29,\"stale\":true,\"asOf\":\"2023-11-22T10:17:00Z\"}");
        assertThatThrownBy(() -> cache.json("counts?by=region", () -> {
            throw new CountsUnavailable("nothing read yet");
        })).as("nothing known yet: the caller answers 503").isInstanceOf(CountsUnavailable.class);
    }

    private static String body(AnswerCache.Rendered rendered) {
        return new String(rendered.body(), StandardCharsets.UTF_8);
    }
}
