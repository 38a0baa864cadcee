package be.petition.gateway;

import be.petition.config.ServiceConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** Whether Kafka answers, checked in the background so the readiness probe answers at once. */
final class KafkaHealth implements AutoCloseable {
    private final Admin admin;
    private final BackgroundCheck check;
    private final Duration interval;
    private final Duration timeout;

    KafkaHealth(ServiceConfig config, Duration interval) {
        Map<String, Object> props = new HashMap<>(config.kafka());
        props.keySet().retainAll(AdminClientConfig.configNames());
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "petition-gateway-health");
        this.interval = interval;
        this.timeout = interval.compareTo(Duration.ofSeconds(2)) < 0 ? interval : Duration.ofSeconds(2);
        this.admin = Admin.create(props);
        this.check = new BackgroundCheck("gateway-kafka-health", interval, false, Duration.ZERO, this::answers);
    }

    private boolean answers() {
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
                    .nodes().get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    boolean reachable() {
        return check.passing();
    }

    /** How often Kafka is checked. */
    Duration interval() {
        return interval;
    }

    @Override
    public void close() {
        check.close();
        admin.close(Duration.ofSeconds(2));
    }
}
