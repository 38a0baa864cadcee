package be.petition.bench;

import be.petition.config.ServiceConfig;
import be.petition.stack.EmbeddedStack;
import be.petition.service.QueryServerSettings;
import be.petition.service.CountingService;
import be.petition.service.KafkaStreamsConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Memory at scale: SIGNERS distinct signers (the signer store's worst case), counted by the petition Streams app
 * ({@code petition streams}) in its own JVM with {@code -Xmx512m} on empty state, until the total equals SIGNERS.
 */
final class MemoryBench {
    private static final String HEAP = "512m";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int METRICS_EVERY_POLLS = 5;
    /** No progress for this long: the app has stopped counting (or is stuck collecting garbage). */
    private static final Duration STALLED = Duration.ofSeconds(120);

    private MemoryBench() {
    }

    static Map<String, Object> run(long signers) throws InterruptedException {
        Path dir = Bench.tempDir("petition-bench-memory-");
        try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"), true)) {
            ServiceConfig defaults = ServiceConfig.load(CountingService.DEFAULTS_RESOURCE, null, Map.of(), Map.of());
            String campaign = defaults.string("streams.campaigns").split(",")[0].trim();
            Bench.progress("generating %d distinct signers", signers);
            double generated = DistinctSigners.produce(stack.bootstrapServers(), stack.schemaRegistryUrl(), campaign,
                    signers);
            Bench.progress("generated at %.0f records/s; starting petition streams with -Xmx%s", generated, HEAP);
            Path stateDir = dir.resolve("streams-state");
            Path log = dir.resolve("streams.log");
            int port = Bench.freePort();
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("benchmark", "pipeline-memory");
            result.put("signers", signers);
            result.put("xmx", HEAP);
            result.put("generate_records_per_s", Bench.round(generated, 0));
            long started = System.nanoTime();
            Process child = startStreams(stack, stateDir, log, port);
            try {
                measure(child, new ServiceHttp("http://127.0.0.1:" + port), signers, started, result);
                // a JVM that ended (OutOfMemoryError) took its /proc entry along
                result.put("peak_rss_bytes", child.isAlive() ? peakRss(child.pid()) : null);
                result.put("state_dir_bytes", Bench.sizeOf(stateDir));
            } finally {
                stop(child);
            }
            result.put("oom", Files.readString(log).contains("OutOfMemoryError"));
            result.put("exit_code", child.exitValue());
            result.put("machine", Bench.machine());
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            EmbeddedStack.deleteRecursively(dir);
        }
    }

    /** {@code petition streams} from this JVM's classpath; an OutOfMemoryError ends the JVM rather than limping on. */
    private static Process startStreams(EmbeddedStack stack, Path stateDir, Path log, int port) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "be.petition.launcher.Petition", "streams"));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", stack.bootstrapServers());
        settings.put("schema.registry.url", stack.schemaRegistryUrl());
        settings.put(KafkaStreamsConfig.APPLICATION_ID, "bench-memory");
        settings.put(KafkaStreamsConfig.STATE_DIR, stateDir.toString());
        settings.put(KafkaStreamsConfig.THREADS, "2");
        settings.put(QueryServerSettings.PORT, String.valueOf(port));
        // every poll must read the stores, not the public one-second answer cache
        settings.put(QueryServerSettings.CACHE_TTL, "0s");
        settings.forEach((key, value) -> command.addAll(List.of("--set", key + "=" + value)));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // the operator's PETITION_* settings must not change what is measured
        builder.environment().keySet().removeIf(name -> name.startsWith("PETITION_") && !name.equals("PETITION_LOG_LEVEL"));
        return builder.start();
    }

    private static void measure(Process child, ServiceHttp api, long signers, long started, Map<String, Object> result)
            throws InterruptedException {
        long peakHeap = 0;
        long total = 0;
        long lastChange = System.nanoTime();
        long nextReport = started + TimeUnit.SECONDS.toNanos(10);
        long next = System.nanoTime();
        for (int poll = 0; child.isAlive() && total < signers && System.nanoTime() - lastChange < STALLED.toNanos();
             poll++) {
            OptionalLong answer = api.total();
            if (answer.isPresent() && answer.getAsLong() != total) {
                total = answer.getAsLong();
                lastChange = System.nanoTime();
            }
            if (poll % METRICS_EVERY_POLLS == 0) {
                peakHeap = Math.max(peakHeap, heapUsed(api));
            }
            if (System.nanoTime() > nextReport) {
                Bench.progress("streams: total %d of %d after %.0f s, peak heap %d MiB", total, signers,
                        (System.nanoTime() - started) / 1e9, peakHeap >> 20);
                nextReport += TimeUnit.SECONDS.toNanos(10);
            }
            next += POLL.toNanos();
            LockSupport.parkNanos(next - System.nanoTime());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        peakHeap = Math.max(peakHeap, heapUsed(api));
        result.put("reached_total", total >= signers);
        result.put("total", total);
        result.put("seconds", Bench.round(seconds, 3));
        result.put("records_per_s", total >= signers ? Bench.round(signers / seconds, 0) : null);
        result.put("peak_heap_used_bytes", peakHeap);
    }

    /** The heap in use now, from the app's /metrics (jvm_memory_used_bytes{area="heap"}); 0 when it does not answer. */
    private static long heapUsed(ServiceHttp api) throws InterruptedException {
        String metrics = api.get("/metrics");
        if (metrics == null) {
            return 0;
        }
        return metrics.lines().filter(line -> line.startsWith("jvm_memory_used_bytes{area=\"heap\"}"))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    /** The process's peak resident set (VmHWM), read while it still runs. */
    private static long peakRss(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream()
                .filter(line -> line.startsWith("VmHWM:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(-1);
    }

    private static void stop(Process child) throws InterruptedException {
        child.destroy();
        if (!child.waitFor(60, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
        }
    }
}
