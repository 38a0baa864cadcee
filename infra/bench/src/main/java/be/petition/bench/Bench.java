package be.petition.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code scripts/bench/pipeline}: {@code [N] [RUNS]} compares the petition topology with a bare Kafka Streams job,
 * {@code --memory [SIGNERS]} runs the Streams app under a 512 MiB heap, {@code --freshness [RATE] [SECONDS]} measures
 * how soon an acknowledged signature shows in the public total. Each prints one JSON line on stdout; progress goes
 * to stderr.
 */
public final class Bench {
    static final ObjectMapper JSON = new ObjectMapper();
    /** A fixed development pepper: signer keys only need to be stable within one benchmark. */
    static final String PEPPER = "petition-bench-pepper-not-a-secret-0123456789";

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        List<String> rest = List.of(args).subList(args.length > 0 && args[0].startsWith("--") ? 1 : 0, args.length);
        String mode = args.length > 0 && args[0].startsWith("--") ? args[0] : "";
        int status = 0;
        try {
            Map<String, Object> result = switch (mode) {
                case "" -> PipelineBench.run(arg(rest, 0, 2_000_000), (int) arg(rest, 1, 3));
                case "--memory" -> MemoryBench.run(arg(rest, 0, 10_000_000));
                case "--freshness" -> FreshnessBench.run(arg(rest, 0, 5000), (int) arg(rest, 1, 60));
                // the Java side of scripts/chaos (ChaosWatch)
                case "--chaos-watch" -> ChaosWatch.watch(java.nio.file.Path.of(rest.get(0)), rest.get(1));
                case "--await-isr" -> ChaosWatch.awaitIsr(rest.get(0), arg(rest, 1, 120));
                default -> throw new IllegalArgumentException("Unknown mode " + mode
                        + "; usage: pipeline [N] [RUNS] | --memory [SIGNERS] | --freshness [RATE] [SECONDS]"
                        + " | --chaos-watch DIR URL,URL | --await-isr BOOTSTRAP [SECONDS]");
            };
            System.out.println(JSON.writeValueAsString(result));
        } catch (Exception e) {
            System.err.println("bench: failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        // Kafka and Jetty leave non-daemon threads behind, which would keep the JVM up after the answer
        System.exit(status);
    }

    private static long arg(List<String> args, int index, long defaultValue) {
        return args.size() > index ? Long.parseLong(args.get(index).replace("_", "")) : defaultValue;
    }

    static void progress(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }

    static Map<String, Object> machine() {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.version"));
        machine.put("max_heap_bytes", Runtime.getRuntime().maxMemory());
        return machine;
    }

    static double median(List<Double> values) {
        return percentile(values, 50);
    }

    /** Nearest-rank percentile; the median of an even count is the mean of the two middle values. */
    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        if (p == 50 && sorted.size() % 2 == 0) {
            return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
        }
        int rank = (int) Math.ceil(p / 100 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** Rounded for the JSON line; null for no figure (JSON has no NaN). */
    static Double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Double.isFinite(value) ? Math.round(value * scale) / scale : null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port: " + e.getMessage(), e);
        }
    }

    static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory: " + e.getMessage(), e);
        }
    }

    static long sizeOf(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(path -> path.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure " + dir + ": " + e.getMessage(), e);
        }
    }
}
