package be.petition.query;

import be.petition.topology.StoreNames;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a key range of a count store over every instance of the application. All count stores are partitioned like
 * the {@code count-tallies} repartition topic, so a read is: each instance's active partitions (this one locally, the
 * others through {@code /internal/v1/local}), checked to cover every partition exactly once. While a rebalance or a
 * restore is under way the read is retried for a short while; after that the answer comes from whatever copies
 * there are (standbys, restoring stores) and is marked stale, rather than failing. The instances prove themselves to
 * each other with the shared {@link InternalSecret}; without one, this instance can only serve alone.
 */
public final class CountReader implements CountSource {
    public static final String LOCAL_PATH = "/internal/v1/local";
    public static final String KEY_PATH = "/internal/v1/key";
    private static final Logger LOG = LoggerFactory.getLogger(CountReader.class);
    private static final TypeReference<Map<Integer, Map<String, Long>>> PARTS = new TypeReference<>() {
    };

    private final KafkaStreams streams;
    private final HostInfo self;
    private final String talliesTopic;
    private final Duration retryFor;
    private final Duration remoteTimeout;
    private final HttpClient http;
    private final ObjectMapper json;
    private final InternalSecret secret;
    private final AtomicBoolean toldNoSecret = new AtomicBoolean();

    public CountReader(KafkaStreams streams, HostInfo self, String applicationId, Duration retryFor,
                       Duration remoteTimeout, ObjectMapper json, InternalSecret secret) {
        this.streams = streams;
        this.secret = secret;
        this.self = self;
        this.talliesTopic = applicationId + "-" + StoreNames.COUNT_TALLIES + "-repartition";
        this.retryFor = retryFor;
        this.remoteTimeout = remoteTimeout;
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(remoteTimeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The counts of {@code [from, to)} in a store, over every instance. */
    @Override
    public CountRead read(String store, String from, String to) {
        return retrying(() -> new CountRead(sum(readActive(store, from, to)), false), last -> {
            Map<Integer, Map<String, Long>> copies = readAnyCopy(store, from, to);
            if (copies.isEmpty()) {
                throw new CountsUnavailable("no copy of " + store + " is readable yet (" + last.getMessage() + ")");
            }
            LOG.info("Serving stale counts of {}: {}", store, last.getMessage());
            return new CountRead(sum(copies), true);
        });
    }

    /**
     * One count, from the instance whose active task holds its partition (found with {@code queryMetadataForKey}
     * and {@link be.petition.topology.CountKeys#routingKey}): read here when that is this instance, else asked of it.
     * During a rebalance it is retried for a short while, then read from a standby (stale).
     */
    @Override
    public CountRead get(String store, String key) {
        String routingKey = be.petition.topology.CountKeys.routingKey(store, key);
        return retrying(() -> {
            KeyQueryMetadata where = streams.queryMetadataForKey(store, routingKey, Serdes.String().serializer());
            if (where == null || KeyQueryMetadata.NOT_AVAILABLE.equals(where)
                    || streams.state() != KafkaStreams.State.RUNNING) {
                throw new CountsUnavailable("no instance holds " + store + " partition of " + routingKey + " now");
            }
            long count = self.equals(where.activeHost()) ? local(store, key, where.partition(), false)
                    : remoteKey(where.activeHost(), store, key, where.partition(), false);
            return new CountRead(count == 0 ? Map.of() : Map.of(key, count), false);
        }, last -> {
            LOG.info("Serving a stale count of {}: {}", store, last.getMessage());
            return new CountRead(staleKey(store, key, routingKey), true);
        });
    }

    /**
     * Tries {@code attempt} every 100 ms while counts are unavailable (a rebalance or restore), for at most
     * {@code streams.query.retry}; then hands the last reason to {@code fallback}.
     */
    private CountRead retrying(Supplier<CountRead> attempt, Function<CountsUnavailable, CountRead> fallback) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        CountsUnavailable last;
        do {
            try {
                return attempt.get();
            } catch (CountsUnavailable e) {
                last = e;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.nanoTime() < deadline);
        return fallback.apply(last);
    }

    /** One key of one local partition; 0 when absent. */
    public long local(String store, String key, int partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, Long>> query = StoreQueryParameters
                .fromNameAndType(store, QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(partition);
        try {
            Long count = streams.store(stale ? query.enableStaleStores() : query).get(key);
            return count == null ? 0 : count;
        } catch (InvalidStateStoreException e) {
            throw new CountsUnavailable("partition " + partition + " of " + store + " is not queryable here", e);
        }
    }

    private Map<String, Long> staleKey(String store, String key, String routingKey) {
        try {
            KeyQueryMetadata where = streams.queryMetadataForKey(store, routingKey, Serdes.String().serializer());
            for (HostInfo host : where.standbyHosts()) {
                try {
                    long count = self.equals(host) ? local(store, key, where.partition(), true)
                            : remoteKey(host, store, key, where.partition(), true);
                    return count == 0 ? Map.of() : Map.of(key, count);
                } catch (CountsUnavailable e) {
                    LOG.debug("No stale count from {}: {}", host, e.getMessage());
                }
            }
            return Map.of();
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private long remoteKey(HostInfo host, String store, String key, int partition, boolean stale) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + KEY_PATH + "?store=" + encode(store)
                + "&key=" + encode(key) + "&partition=" + partition + "&stale=" + stale);
        return ((Number) fetch(host, uri, Map.class).get("count")).longValue();
    }

    /**
     * This instance's part: partition → (key → count) of {@code [from, to)}, from its active partitions only, or, when
     * {@code stale}, from every local copy (active, standby, restoring).
     */
    public Map<Integer, Map<String, Long>> local(String store, String from, String to, boolean stale) {
        Map<Integer, Map<String, Long>> parts = new TreeMap<>();
        for (int partition : localPartitions(stale)) {
            StoreQueryParameters<ReadOnlyKeyValueStore<String, Long>> query = StoreQueryParameters
                    .fromNameAndType(store, QueryableStoreTypes.<String, Long>keyValueStore()).withPartition(partition);
            Map<String, Long> counts = new HashMap<>();
            try (KeyValueIterator<String, Long> range =
                         streams.store(stale ? query.enableStaleStores() : query).range(from, to)) {
                range.forEachRemaining(entry -> {
                    // range() includes its upper bound; the API's ranges exclude it
                    if (entry.key.compareTo(to) < 0 && entry.value != null && entry.value != 0) {
                        counts.put(entry.key, entry.value);
                    }
                });
            } catch (InvalidStateStoreException e) {
                if (stale) {
                    continue;
                }
                throw new CountsUnavailable("partition " + partition + " of " + store + " is not queryable here", e);
            }
            parts.put(partition, counts);
        }
        return parts;
    }

    private Map<Integer, Map<String, Long>> readActive(String store, String from, String to) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new CountsUnavailable("Kafka Streams is " + streams.state());
        }
        Collection<StreamsMetadata> instances = streams.metadataForAllStreamsClients();
        Set<Integer> expected = new TreeSet<>();
        for (StreamsMetadata instance : instances) {
            expected.addAll(partitionsOf(instance.topicPartitions()));
        }
        if (expected.isEmpty()) {
            throw new CountsUnavailable("no partition of the counts is assigned yet");
        }
        Map<Integer, Map<String, Long>> all = new TreeMap<>();
        for (StreamsMetadata instance : instances) {
            if (partitionsOf(instance.topicPartitions()).isEmpty()) {
                continue;
            }
            Map<Integer, Map<String, Long>> part = self.equals(instance.hostInfo()) ? local(store, from, to, false)
                    : remote(instance.hostInfo(), store, from, to, false);
            for (Map.Entry<Integer, Map<String, Long>> partition : part.entrySet()) {
                if (all.put(partition.getKey(), partition.getValue()) != null) {
                    throw new CountsUnavailable("partition " + partition.getKey() + " was served twice (rebalance)");
                }
            }
        }
        if (!all.keySet().equals(expected)) {
            throw new CountsUnavailable("partitions served " + all.keySet() + " instead of " + expected);
        }
        return all;
    }

    /** Every reachable copy, one per partition, preferring this instance's. */
    private Map<Integer, Map<String, Long>> readAnyCopy(String store, String from, String to) {
        Map<Integer, Map<String, Long>> all = new TreeMap<>(safeLocal(store, from, to));
        Collection<StreamsMetadata> instances;
        try {
            instances = streams.metadataForAllStreamsClients();
        } catch (RuntimeException e) {
            return all;
        }
        for (StreamsMetadata instance : instances) {
            if (self.equals(instance.hostInfo())) {
                continue;
            }
            try {
                remote(instance.hostInfo(), store, from, to, true).forEach(all::putIfAbsent);
            } catch (CountsUnavailable e) {
                LOG.debug("No stale counts from {}: {}", instance.hostInfo(), e.getMessage());
            }
        }
        return all;
    }

    private Map<Integer, Map<String, Long>> safeLocal(String store, String from, String to) {
        try {
            return local(store, from, to, true);
        } catch (RuntimeException e) {
            return Map.of();
        }
    }

    private Map<Integer, Map<String, Long>> remote(HostInfo host, String store, String from, String to,
                                                   boolean stale) {
        URI uri = URI.create("http://" + host.host() + ":" + host.port() + LOCAL_PATH + "?store=" + encode(store)
                + "&from=" + encode(from) + "&to=" + encode(to) + "&stale=" + stale);
        return json.convertValue(fetch(host, uri, Object.class), PARTS);
    }

    private <T> T fetch(HostInfo host, URI uri, Class<T> type) {
        if (!secret.isSet()) {
            String why = "another instance (" + host + ") holds part of the counts, but " + InternalSecret.SETTING
                    + " is not set: set the same secret on every instance";
            if (toldNoSecret.compareAndSet(false, true)) {
                LOG.error("Cannot read the counts of the other instances: {}", why);
            }
            throw new CountsUnavailable(why);
        }
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(remoteTimeout)
                            .header(InternalSecret.HEADER, secret.header()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                LOG.warn("Instance {} refused this instance's internal read ({}): is {} the same on every instance?",
                        host, response.statusCode(), InternalSecret.SETTING);
                throw new CountsUnavailable("instance " + host + " refused the internal read ("
                        + response.statusCode() + "): " + InternalSecret.SETTING + " differs between instances");
            }
            if (response.statusCode() != 200) {
                throw new CountsUnavailable("instance " + host + " answered " + response.statusCode());
            }
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new CountsUnavailable("instance " + host + " is unreachable (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CountsUnavailable("interrupted while asking " + host, e);
        }
    }

    private Set<Integer> localPartitions(boolean withStandbys) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            addPartitions(thread.activeTasks(), partitions);
            if (withStandbys) {
                addPartitions(thread.standbyTasks(), partitions);
            }
        }
        return partitions;
    }

    private void addPartitions(Set<TaskMetadata> tasks, Set<Integer> partitions) {
        for (TaskMetadata task : tasks) {
            partitions.addAll(partitionsOf(task.topicPartitions()));
        }
    }

    private Set<Integer> partitionsOf(Set<TopicPartition> topicPartitions) {
        Set<Integer> partitions = new TreeSet<>();
        for (TopicPartition partition : topicPartitions) {
            if (partition.topic().equals(talliesTopic)) {
                partitions.add(partition.partition());
            }
        }
        return partitions;
    }

    private static Map<String, Long> sum(Map<Integer, Map<String, Long>> parts) {
        Map<String, Long> counts = new TreeMap<>();
        parts.values().forEach(part -> part.forEach((key, count) -> counts.merge(key, count, Long::sum)));
        return counts;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
