package be.petition.bench;

import be.petition.gateway.GatewayServer;
import be.petition.launcher.Pipeline;
import be.petition.service.QueryServerSettings;
import be.petition.stack.EmbeddedStack;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Freshness of the public counter: the whole pipeline as {@code petition up --no-simulator} runs it, new callers'
 * signed status callbacks sent to the gateway on a fixed schedule, and {@code /api/v1/total} polled every 20 ms. The
 * k-th acknowledged signature is visible at the first poll whose total (above the start) is at least k. Calls, because
 * a call is counted from its 202; a web signature only from its mailed confirmation.
 */
final class FreshnessBench {
    private static final Duration POLL = Duration.ofMillis(20);
    /**
     * The share of the gateway's {@code gateway.http.max.connections} the sender may open (one request under way on
     * each): past the gateway's limit new connections wait unaccepted (360 requests were still unanswered 60 s after a
     * 2,000/s run that allowed 4,096). With every connection busy the sender falls behind its schedule, and the result
     * says "saturated".
     */
    private static final double CONNECTION_SHARE = 0.75;
    /** A request that gets no answer is an error of the run, not a wait without end. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Traffic before the measured stretch, reported apart: the one JVM (broker, registry, Streams, gateway, mail
     * server, sender) still compiles through its first minute. After a 10 s warm-up the measured minute's slowest
     * second fell from 0.8-1.0 s in its first seconds to 0.25-0.3 s after its first 30.
     */
    private static final int WARM_UP_SECONDS = 30;
    /** The stretch of each p99 in {@code freshness_ms_p99_per_10s}: whether the pipeline is still settling shows. */
    private static final long STRETCH_NANOS = 10_000_000_000L;
    /** After the last answer, how long the counter has to catch up before the rest counts as never visible. */
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    /** The telephony token of this run, so that the callbacks can be signed as the provider signs them. */
    private static final String TELEPHONY_TOKEN = "petition-bench-telephony-token";
    /** Callers of the measured phase never called in the warm-up. */
    private static final int MEASURED_FIRST_CALLER = 5_000_000;

    /** One answer of the query API: when it arrived and the total it gave. */
    private record Poll(long nanos, long total) {
    }

    /** One stretch of traffic: what was sent and answered, and the totals seen from {@code baseline} on. */
    private record Phase(CallbackSender sender, List<Poll> polls, long baseline) {
    }

    private FreshnessBench() {
    }

    static Map<String, Object> run(long rate, int seconds) throws InterruptedException, IOException {
        Path dir = Bench.tempDir("petition-bench-freshness-");
        Map<String, String> settings = new LinkedHashMap<>();
        for (String port : List.of("broker.port", "broker.controller.port", "registry.port", "gateway.port",
                QueryServerSettings.PORT)) {
            settings.put(port, String.valueOf(Bench.freePort()));
        }
        // every poll must read the stores, not the public one-second answer cache
        settings.put(QueryServerSettings.CACHE_TTL, "0s");
        try (Pipeline pipeline = Pipeline.start(new Pipeline.Options(dir, null,
                Map.of("PETITION_TELEPHONY_TOKEN", TELEPHONY_TOKEN), settings, false, 0), System.err)) {
            ServiceHttp api = new ServiceHttp(pipeline.queryUrl());
            // measure the running pipeline, not its start
            api.awaitReady(Duration.ofMinutes(2));
            new ServiceHttp(pipeline.gatewayUrl()).awaitReady(Duration.ofMinutes(2));
            int maxConnections = (int) (CONNECTION_SHARE * pipeline.load(GatewayServer.DEFAULTS, Map.of())
                    .integer(GatewayServer.HTTP_MAX_CONNECTIONS));
            Bench.progress("warming up for %d s at %d new callers per second (reported apart, as warm_up)",
                    WARM_UP_SECONDS, rate);
            Phase warmUp = phase(api, pipeline.gatewayUrl(), "warm-up", 0, rate, WARM_UP_SECONDS, maxConnections);
            Bench.progress("sending %d new callers per second for %d s", rate, seconds);
            Phase measured = phase(api, pipeline.gatewayUrl(), "measured", MEASURED_FIRST_CALLER, rate, seconds,
                    maxConnections);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "pipeline-freshness");
            result.put("rate", rate);
            result.put("seconds", seconds);
            result.putAll(figures(rate, measured));
            Map<String, Object> warmUpFigures = new LinkedHashMap<>();
            warmUpFigures.put("seconds", WARM_UP_SECONDS);
            warmUpFigures.putAll(figures(rate, warmUp));
            result.put("warm_up", warmUpFigures);
            result.put("machine", Bench.machine());
            return result;
        } finally {
            EmbeddedStack.deleteRecursively(dir);
        }
    }

    /** Sends for {@code seconds}, then polls until every acknowledged signature is counted or the catch-up is over. */
    private static Phase phase(ServiceHttp api, String gatewayUrl, String name, int firstCaller, long rate,
                               int seconds, int maxConnections) throws InterruptedException, IOException {
        Poller poller = new Poller(api);
        poller.start();
        long baseline = poller.awaitFirst();
        CallbackSender sender = new CallbackSender(gatewayUrl, TELEPHONY_TOKEN, name, firstCaller, rate, seconds,
                maxConnections, REQUEST_TIMEOUT);
        sender.run();
        poller.stopWhenReached(baseline + sender.acknowledged, CATCH_UP);
        poller.join();
        return new Phase(sender, poller.polls, baseline);
    }

    /** What one stretch of traffic sent, what came back, and how soon the counter showed it. */
    private static Map<String, Object> figures(long rate, Phase phase) {
        CallbackSender sender = phase.sender();
        List<Poll> polls = phase.polls();
        long baseline = phase.baseline();
        long[] answered = Arrays.copyOf(sender.answered, sender.acknowledged);
        Arrays.sort(answered);
        List<Double> delays = new ArrayList<>();
        int poll = 0;
        for (int k = 1; k <= answered.length; k++) {
            while (poll < polls.size() && polls.get(poll).total() - baseline < k) {
                poll++;
            }
            if (poll == polls.size()) {
                break;
            }
            delays.add((polls.get(poll).nanos() - answered[k - 1]) / 1e6);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("sent", sender.sent);
        result.put("achieved_rate", Bench.round(sender.sent / sender.sendSeconds, 1));
        result.put("acknowledged", answered.length);
        result.put("non_2xx", sender.statuses);
        result.put("transport_errors", sender.errors.values().stream().mapToLong(Long::longValue).sum());
        result.put("transport_errors_by_kind", new TreeMap<>(sender.errors));
        result.put("visible", delays.size());
        // the client and the pipeline share this machine's cores: behind schedule, the figures measure queues
        result.put("saturated", sender.sent / sender.sendSeconds < 0.95 * rate);
        List<Double> requestMs = Arrays.stream(sender.latencies, 0, answered.length).mapToObj(nanos -> nanos / 1e6)
                .toList();
        result.put("request_ms_p50", Bench.round(Bench.percentile(requestMs, 50), 1));
        result.put("request_ms_p99", Bench.round(Bench.percentile(requestMs, 99), 1));
        result.put("freshness_ms_p50", Bench.round(Bench.percentile(delays, 50), 1));
        result.put("freshness_ms_p99", Bench.round(Bench.percentile(delays, 99), 1));
        result.put("freshness_ms_max", Bench.round(Bench.percentile(delays, 100), 1));
        result.put("freshness_ms_p99_per_10s", perStretch(answered, delays));
        result.put("polls", polls.size());
        return result;
    }

    /** The p99 of the freshness of the signatures acknowledged in each 10 s from the first acknowledgement. */
    private static List<Double> perStretch(long[] answered, List<Double> delays) {
        List<List<Double>> stretches = new ArrayList<>();
        for (int k = 0; k < delays.size(); k++) {
            int stretch = (int) ((answered[k] - answered[0]) / STRETCH_NANOS);
            while (stretches.size() <= stretch) {
                stretches.add(new ArrayList<>());
            }
            stretches.get(stretch).add(delays.get(k));
        }
        return stretches.stream().map(stretch -> stretch.isEmpty() ? null
                : Bench.round(Bench.percentile(stretch, 99), 1)).toList();
    }

    /** Polls the total every {@link #POLL} until it reaches the target or the catch-up time is over. */
    private static final class Poller extends Thread {
        private final ServiceHttp api;
        private final List<Poll> polls = new ArrayList<>();
        private volatile long target = Long.MAX_VALUE;
        private volatile long deadline = Long.MAX_VALUE;
        private final CountDownLatch answered = new CountDownLatch(1);
        private volatile long first;

        Poller(ServiceHttp api) {
            super("freshness-poller");
            setDaemon(true);
            this.api = api;
        }

        @Override
        public void run() {
            long next = System.nanoTime();
            try {
                while (System.nanoTime() < deadline) {
                    OptionalLong total = api.total();
                    if (total.isPresent()) {
                        polls.add(new Poll(System.nanoTime(), total.getAsLong()));
                        if (answered.getCount() > 0) {
                            first = total.getAsLong();
                            answered.countDown();
                        }
                        if (total.getAsLong() >= target) {
                            return;
                        }
                    }
                    next += POLL.toNanos();
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The total before any signature was sent. */
        long awaitFirst() throws InterruptedException {
            if (!answered.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("The query API did not answer within 2 minutes");
            }
            return first;
        }

        void stopWhenReached(long total, Duration catchUp) {
            target = total;
            deadline = System.nanoTime() + catchUp.toNanos();
        }
    }
}
