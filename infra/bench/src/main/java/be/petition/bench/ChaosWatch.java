package be.petition.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The Java side of {@code scripts/chaos}, which starts every service as its own process and kills them.
 *
 * <p>{@code --chaos-watch DIR URL,URL}: from the start of the traffic until the script writes {@code DIR/traffic.done},
 * asks {@code /api/v1/total} every 100 ms, one instance after the other, as a load balancer would: an instance
 * whose port refuses the connection (its process is dead) is skipped for the other; a 5xx, a timeout or both refusing
 * is an unanswered poll. Then it reads the simulator's ground truth ({@code DIR/truth.json}: the records whose
 * request got a 2xx), waits until both instances give the same channel × region counts and those equal the truth, or
 * until {@link #SETTLE} without a change, and prints one JSON line: acknowledged, counted, lost, double-counted, the
 * API's availability and its worst staleness.
 *
 * <p>{@code --await-isr BOOTSTRAP SECONDS}: returns once every partition of every topic has all its replicas in sync
 * (after a broker restart, before the next fault), or fails after SECONDS.
 */
final class ChaosWatch {
    private static final Duration POLL = Duration.ofMillis(100);
    /** After the traffic, how long the counts may stay unequal to the truth without moving before the run gives up. */
    private static final Duration SETTLE = Duration.ofSeconds(90);
    /** Longer than the API's own wait for a rebalance (streams.query.retry 2 s + a remote instance's 2 s). */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CATCH_UP_LIMIT = Duration.ofMinutes(5);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> instances;
    private final Path dir;

    private long polls;
    private long answered;
    private final Map<String, Long> outcomes = new TreeMap<>();
    private long staleAnswers;
    private long regressions;
    private long maxTotal = -1;
    /** Per instance, the highest total it answered: an instance answering less than before went back. */
    private final Map<String, Long> instanceMax = new java.util.HashMap<>();
    private long lastIncreaseNanos;
    private long worstStalenessNanos;
    private long firstFailureNanos = -1;
    private long longestOutageNanos;
    private int next;

    private ChaosWatch(Path dir, List<String> instances) {
        this.dir = dir;
        this.instances = instances;
    }

    static Map<String, Object> watch(Path dir, String urls) throws Exception {
        List<String> instances = List.of(urls.split(","));
        return new ChaosWatch(dir, instances).run();
    }

    private Map<String, Object> run() throws Exception {
        long started = System.nanoTime();
        lastIncreaseNanos = started;
        Path done = dir.resolve("traffic.done");
        long at = started;
        long nextReport = started + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(done)) {
            poll();
            if (System.nanoTime() > nextReport) {
                Bench.progress("chaos watch: %d polls, %.2f%% answered, total %d, worst staleness %.1f s", polls,
                        100.0 * answered / Math.max(1, polls), maxTotal, worstStalenessNanos / 1e9);
                nextReport += TimeUnit.SECONDS.toNanos(30);
            }
            at += POLL.toNanos();
            LockSupport.parkNanos(at - System.nanoTime());
        }
        long trafficEnded = System.nanoTime();
        if (firstFailureNanos >= 0) {
            longestOutageNanos = Math.max(longestOutageNanos, trafficEnded - firstFailureNanos);
        }
        Properties traffic = new Properties();
        try (var reader = Files.newBufferedReader(done)) {
            traffic.load(reader);
        }
        JsonNode truth = Bench.JSON.readTree(dir.resolve("truth.json").toFile());
        Map<String, Long> expected = new TreeMap<>();
        truth.path("expectedCounts").fields().forEachRemaining(e -> expected.put(e.getKey(), e.getValue().asLong()));
        Bench.progress("chaos watch: traffic over; the truth expects %d signatures; waiting for the counts",
                truth.path("expectedTotal").asLong());

        // Wait on a condition: both instances answer the same counts, not stale, equal to the truth; or no change
        Map<String, Long> counts = null;
        boolean agreed = false;
        long lastChange = System.nanoTime();
        long catchUpStart = lastChange;
        Double exactAfter = null;
        while (System.nanoTime() - catchUpStart < CATCH_UP_LIMIT.toNanos()) {
            List<Map<String, Long>> answers = new ArrayList<>();
            for (String instance : instances) {
                answers.add(counts(instance));
            }
            Map<String, Long> first = answers.get(0);
            boolean same = first != null && answers.stream().allMatch(first::equals);
            if (first != null && !first.equals(counts)) {
                counts = first;
                lastChange = System.nanoTime();
            }
            agreed = same;
            if (same && first.equals(expected)) {
                exactAfter = (System.nanoTime() - catchUpStart) / 1e9;
                break;
            }
            if (counts != null && System.nanoTime() - lastChange > SETTLE.toNanos()) {
                break;
            }
            Thread.sleep(500);
        }
        if (counts == null) {
            counts = Map.of();
        }
        long lost = 0;
        long doubled = 0;
        Map<String, Long> differences = new TreeMap<>();
        TreeSet<String> cells = new TreeSet<>(expected.keySet());
        cells.addAll(counts.keySet());
        for (String cell : cells) {
            long difference = counts.getOrDefault(cell, 0L) - expected.getOrDefault(cell, 0L);
            if (difference > 0) {
                doubled += difference;
            } else {
                lost -= difference;
            }
            if (difference != 0) {
                differences.put(cell, difference);
            }
        }
        long counted = counts.values().stream().mapToLong(Long::longValue).sum();
        double trafficSeconds = Double.parseDouble(traffic.getProperty("traffic.seconds", "0"));
        long sent = truth.path("requestsSent").asLong();

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("mode", "chaos");
        result.put("date", Instant.now().toString());
        result.put("exact", lost == 0 && doubled == 0 && agreed);
        result.put("signatures_acknowledged", signaturesAcknowledged(truth));
        result.put("expected", truth.path("expectedTotal").asLong());
        result.put("counted", counted);
        result.put("lost", lost);
        result.put("double_counted", doubled);
        if (!differences.isEmpty()) {
            result.put("differences", differences);
        }
        result.put("instances_agree", agreed);
        result.put("exact_after_traffic_s", exactAfter == null ? null : Bench.round(exactAfter, 1));
        result.put("api_availability", Bench.round(answered / (double) Math.max(1, polls), 5));
        result.put("api_polls", polls);
        result.put("api_outcomes", outcomes);
        result.put("api_longest_unanswered_s", Bench.round(longestOutageNanos / 1e9, 2));
        result.put("api_worst_staleness_s", Bench.round(worstStalenessNanos / 1e9, 2));
        result.put("api_stale_answers", staleAnswers);
        result.put("api_total_went_back", regressions);
        result.put("streams_session_timeout_ms", Long.parseLong(traffic.getProperty("session.timeout.ms", "0")));
        result.put("rate_requested", Double.parseDouble(traffic.getProperty("rate", "0")));
        result.put("achieved_rate", Bench.round(sent / Math.max(1e-9, trafficSeconds), 1));
        result.put("traffic_s", Bench.round(trafficSeconds, 1));
        result.put("requests_sent", sent);
        result.put("requests_acknowledged", sum(truth.path("acceptedByKind")));
        result.put("requests_failed_after_retries", truth.path("transportFailures").asLong()
                + sum(truth.path("refusedValidRequestsByKind")));
        result.put("faults", faults());
        result.put("machine", Bench.machine());
        return result;
    }

    /** One poll: the next instance, or the other when the next one's process is gone. */
    private void poll() throws InterruptedException {
        long now = System.nanoTime();
        String outcome = "refused";
        JsonNode body = null;
        String answeredBy = null;
        for (int tried = 0; tried < instances.size() && outcome.equals("refused"); tried++) {
            String instance = instances.get(next);
            next = (next + 1) % instances.size();
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(instance + "/api/v1/total"))
                        .timeout(POLL_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
                outcome = String.valueOf(response.statusCode());
                if (response.statusCode() == 200) {
                    body = Bench.JSON.readTree(response.body());
                    answeredBy = instance;
                }
            } catch (ConnectException e) {
                outcome = "refused";
            } catch (HttpTimeoutException e) {
                outcome = "timeout";
            } catch (IOException e) {
                outcome = "io_error";
            }
        }
        polls++;
        outcomes.merge(outcome, 1L, Long::sum);
        long received = System.nanoTime();
        if (body != null) {
            answered++;
            if (firstFailureNanos >= 0) {
                longestOutageNanos = Math.max(longestOutageNanos, now - firstFailureNanos);
                firstFailureNanos = -1;
            }
            if (body.path("stale").asBoolean(false)) {
                staleAnswers++;
            }
            long total = body.path("total").asLong();
            if (total > maxTotal) {
                maxTotal = total;
                lastIncreaseNanos = received;
            }
            if (total < instanceMax.getOrDefault(answeredBy, Long.MIN_VALUE)) {
                regressions++;
            }
            instanceMax.merge(answeredBy, total, Math::max);
        } else if (firstFailureNanos < 0) {
            firstFailureNanos = now;
        }
        // staleness: how long the public total has not moved while the traffic goes on (from its first signature:
        // before, the pipeline's first transactions and the simulator's warm-up are not staleness)
        if (maxTotal > 0) {
            worstStalenessNanos = Math.max(worstStalenessNanos, received - lastIncreaseNanos);
        }
    }

    /** {@code campaign/channel/region → count}, without zeros, as the truth writes them; null without a clean 200. */
    private Map<String, Long> counts(String instance) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(instance + "/api/v1/counts?by=channel,region")).header("Cache-Control", "no-cache")
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode answer = Bench.JSON.readTree(response.body());
            if (answer.path("stale").asBoolean(false)) {
                return null;
            }
            Map<String, Long> counts = new TreeMap<>();
            for (JsonNode row : answer.path("counts")) {
                if (row.path("count").asLong() != 0) {
                    counts.put(answer.path("campaign").asText() + "/" + row.path("channel").asText() + "/"
                            + row.path("region").asText(), row.path("count").asLong());
                }
            }
            return counts;
        } catch (IOException e) {
            return null;
        }
    }

    private static long signaturesAcknowledged(JsonNode truth) {
        JsonNode byKind = truth.path("acceptedByKind");
        return byKind.path("SIGNATURE").asLong() + byKind.path("OTHER_CHANNEL").asLong()
                + byKind.path("DUPLICATE_SAME_CHANNEL").asLong() + byKind.path("RESENT").asLong();
    }

    private static long sum(JsonNode object) {
        long sum = 0;
        for (JsonNode value : object) {
            sum += value.asLong();
        }
        return sum;
    }

    /** The script's fault log: one JSON object a line ({@code DIR/faults.jsonl}). */
    private List<JsonNode> faults() throws IOException {
        Path log = dir.resolve("faults.jsonl");
        List<JsonNode> faults = new ArrayList<>();
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log)) {
                if (!line.isBlank()) {
                    faults.add(Bench.JSON.readTree(line));
                }
            }
        }
        return faults;
    }

    /** Waits until no partition of any topic lacks an in-sync replica. */
    static Map<String, Object> awaitIsr(String bootstrap, long seconds) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        long started = System.nanoTime();
        long deadline = started + TimeUnit.SECONDS.toNanos(seconds);
        String last = "no answer";
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline) {
                try {
                    var names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                            .names().get(10, TimeUnit.SECONDS);
                    Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames()
                            .get(10, TimeUnit.SECONDS);
                    long underReplicated = 0;
                    long partitions = 0;
                    for (TopicDescription topic : topics.values()) {
                        for (TopicPartitionInfo partition : topic.partitions()) {
                            partitions++;
                            if (partition.isr().size() < partition.replicas().size()) {
                                underReplicated++;
                            }
                        }
                    }
                    if (underReplicated == 0) {
                        Map<String, Object> result = new LinkedHashMap<>();
                        result.put("in_sync", true);
                        result.put("partitions", partitions);
                        result.put("seconds", Bench.round((System.nanoTime() - started) / 1e9, 1));
                        return result;
                    }
                    last = underReplicated + " of " + partitions + " partitions under-replicated";
                } catch (Exception e) {
                    last = e.toString();
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("Replicas not in sync after " + seconds + " s: " + last);
    }
}
