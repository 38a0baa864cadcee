package be.petition.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Identical queries within {@code ttl} share one answer: the first computes it, the others wait for it or get it from
 * memory, so a crowd reloading the page reads the stores once per interval. Each answer carries a weak ETag over its
 * content without {@code asOf}, so a client that already has the counts gets a 304 even after the interval. While no
 * instance can read the counts (partitions moving between instances), a JSON query gets its last answer again,
 * marked {@code stale} with the {@code asOf} of when it was read, rather than an error.
 */
public final class AnswerCache {
    private static final int MAX_ENTRIES = 10_000;

    /** A rendered answer: the body in its format, its ETag and content type. */
    public record Rendered(byte[] body, String etag, String contentType) {
    }

    private record Entry(CompletableFuture<Rendered> answer, long createdNanos) {
    }

    /** The fields of the last answer read from the stores, and when. */
    private record Known(Map<String, Object> content, String asOf) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final Map<String, Known> lastKnown = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_ENTRIES;
        }
    });
    private final long ttlNanos;
    private final ObjectMapper json;
    private final Clock clock;

    public AnswerCache(Duration ttl, ObjectMapper json, Clock clock) {
        this.ttlNanos = ttl.toNanos();
        this.json = json;
        this.clock = clock;
    }

    /** The JSON answer to {@code key} (path, parameters and format), computed by {@code query} at most once per ttl. */
    public Rendered json(String key, Supplier<? extends Answer> query) {
        return get(key, () -> {
            Map<String, Object> content;
            String asOf;
            try {
                content = content(query.get());
                asOf = clock.instant().toString();
                lastKnown.put(key, new Known(Collections.unmodifiableMap(new LinkedHashMap<>(content)), asOf));
            } catch (CountsUnavailable e) {
                Known known = lastKnown.get(key);
                if (known == null) {
                    throw e;
                }
                content = new LinkedHashMap<>(known.content());
                content.put("stale", true);
                asOf = known.asOf();
            }
            String tag = etag(content, false);
            content.put("asOf", asOf);
            return new Rendered(write(content), tag, "application/json");
        });
    }

    /** As {@link #json}, in the history's CSV form; its ETag is the JSON form's, marked as CSV. */
    public Rendered csv(String key, Supplier<History> query) {
        return get(key, () -> {
            History history = query.get();
            return new Rendered(history.csv().getBytes(StandardCharsets.UTF_8), etag(content(history), true),
                    "text/csv; charset=utf-8");
        });
    }

    private Rendered get(String key, Supplier<Rendered> render) {
        long now = System.nanoTime();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.createdNanos() < ttlNanos) {
            return join(cached.answer());
        }
        Entry mine = new Entry(new CompletableFuture<>(), now);
        Entry current = entries.compute(key, (k, old) -> old != null && now - old.createdNanos() < ttlNanos ? old : mine);
        if (current == mine) {
            try {
                mine.answer().complete(render.get());
            } catch (RuntimeException e) {
                mine.answer().completeExceptionally(e);
                entries.remove(key, mine);
            }
            if (entries.size() > MAX_ENTRIES) {
                entries.values().removeIf(entry -> now - entry.createdNanos() >= ttlNanos);
            }
        }
        return join(current.answer());
    }

    /** The answer's fields and {@code stale}: what the ETag covers (never {@code asOf}). */
    private static Map<String, Object> content(Answer answer) {
        Map<String, Object> content = new LinkedHashMap<>(answer.json());
        if (answer.stale()) {
            content.put("stale", true);
        }
        return content;
    }

    private byte[] write(Map<String, Object> content) {
        try {
            return json.writeValueAsBytes(content);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an answer as JSON", e);
        }
    }

    private String etag(Map<String, Object> content, boolean csv) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(write(content));
            return "W/\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
                    + (csv ? "-csv" : "") + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static Rendered join(CompletableFuture<Rendered> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }
}
