package be.petition.provisioning;

import be.petition.config.ServiceConfig;
import be.petition.topics.Topic;
import be.petition.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the pipeline's topics (and the registry's {@code _schemas}) with the wanted partitions, replication
 * factor, cleanup policy and retention. Idempotent: topics that exist are left as they are and reported, with
 * any difference from the wanted settings. Works against any cluster the {@code kafka.*} settings reach.
 *
 * <p>Settings (see {@code topics.properties}): {@code topics.partitions}, {@code topics.replication.factor},
 * {@code topics.raw.retention.ms}, {@code topics.rejected.retention.ms}, {@code topics.config.<kafka setting>}
 * for every topic, and per topic, keyed by its default name: {@code topics.<name>.name},
 * {@code topics.<name>.partitions}, {@code topics.<name>.replication.factor},
 * {@code topics.<name>.config.<kafka setting>}.
 */
public final class TopicProvisioner {
    public static final String DEFAULTS = "topics.properties";
    public static final String PREFIX = "topics.";
    public static final int DEFAULT_PARTITIONS = 6;
    /** Raw records are kept this long after the campaign's last day ({@code topics.campaign.end}). */
    public static final Duration RAW_RETENTION_AFTER_CAMPAIGN = Duration.ofDays(30);
    public static final String DEFAULT_REJECTED_RETENTION_MS = String.valueOf(30L * 24 * 60 * 60 * 1000);
    private static final Logger LOG = LoggerFactory.getLogger(TopicProvisioner.class);
    private static final long TIMEOUT_SECONDS = 60;
    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");

    private final Map<String, Object> clientProps;
    private final List<TopicSpec> topics;

    public TopicProvisioner(Map<String, Object> clientProps, List<TopicSpec> topics) {
        this.clientProps = Map.copyOf(clientProps);
        this.topics = List.copyOf(topics);
    }

    /** A provisioner from {@code topics.properties}-style settings, Kafka client settings under {@code kafka.*}. */
    public static TopicProvisioner fromConfig(ServiceConfig config) {
        config.string(ServiceConfig.KAFKA_PREFIX + CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
        return new TopicProvisioner(config.kafka(), specs(config));
    }

    /** Every topic with the documented local defaults (6 partitions, 1 replica), on the given cluster. */
    public static TopicProvisioner forLocalCluster(String bootstrapServers) {
        return forLocalCluster(bootstrapServers, 1);
    }

    /** Every topic with 6 partitions and {@code replicas} replicas (min.insync.replicas=2 from 3), on the given cluster. */
    public static TopicProvisioner forLocalCluster(String bootstrapServers, int replicas) {
        return new TopicProvisioner(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                specs(ServiceConfig.of(Map.of(PREFIX + "replication.factor", String.valueOf(replicas)))));
    }

    /** The wanted topics: the pipeline's, then {@code _schemas} (always one partition: the registry reads it in order). */
    public static List<TopicSpec> specs(ServiceConfig config) {
        return specs(config, Clock.systemUTC());
    }

    static List<TopicSpec> specs(ServiceConfig config, Clock clock) {
        String rawRetention = rawRetention(config, clock);
        List<TopicSpec> specs = new ArrayList<>();
        for (Topic<?> topic : Topics.pipeline()) {
            specs.add(spec(config, topic, false, rawRetention));
        }
        specs.add(spec(config, Topics.SCHEMAS, true, rawRetention));
        return specs;
    }

    /**
     * {@code topics.raw.retention.ms} when set; else until 30 days after {@code topics.campaign.end}, as an age
     * counted from now (at least a day); else -1, kept, with a warning: raw topics hold pseudonymous personal data.
     */
    static String rawRetention(ServiceConfig config, Clock clock) {
        String explicit = config.string(PREFIX + "raw.retention.ms", "");
        if (!explicit.isBlank()) {
            return explicit.trim();
        }
        String end = config.string(PREFIX + "campaign.end", "");
        if (end.isBlank()) {
            LOG.warn("topics.campaign.end is not set: the raw signature topics will keep their records (pseudonymous"
                    + " signer keys) forever. Set it to the campaign's last day, e.g. --set topics.campaign.end=2024-03-31");
            return "-1";
        }
        LocalDate last;
        try {
            last = LocalDate.parse(end.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Setting \"topics.campaign.end\" must be a date like 2024-03-31, not \""
                    + end + "\"");
        }
        Instant until = last.plusDays(1).atStartOfDay(BRUSSELS).toInstant().plus(RAW_RETENTION_AFTER_CAMPAIGN);
        long retention = Math.max(Duration.ofDays(1).toMillis(), Duration.between(clock.instant(), until).toMillis());
        return String.valueOf(retention);
    }

    private static TopicSpec spec(ServiceConfig config, Topic<?> topic, boolean singlePartition, String rawRetention) {
        String key = PREFIX + topic.name() + ".";
        String name = topic.nameIn(config);
        int partitions = singlePartition ? 1 : integer(config, key + "partitions",
                integer(config, PREFIX + "partitions", DEFAULT_PARTITIONS));
        int replicas = integer(config, key + "replication.factor", integer(config, PREFIX + "replication.factor", 1));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(TopicConfig.CLEANUP_POLICY_CONFIG,
                topic.compacted() ? TopicConfig.CLEANUP_POLICY_COMPACT : TopicConfig.CLEANUP_POLICY_DELETE);
        if (topic.equals(Topics.REJECTED) || topic.equals(Topics.DEAD_LETTER)) {
            settings.put(TopicConfig.RETENTION_MS_CONFIG,
                    config.string(PREFIX + "rejected.retention.ms", DEFAULT_REJECTED_RETENTION_MS));
        } else if (!topic.compacted()) {
            settings.put(TopicConfig.RETENTION_MS_CONFIG, rawRetention);
        }
        if (replicas >= 3) {
            // with 3 replicas, an acknowledged write (acks=all) is on at least 2 of them
            settings.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        settings.putAll(withPrefix(config, PREFIX + "config."));
        settings.putAll(withPrefix(config, key + "config."));
        if (replicas > 1 && "1".equals(settings.getOrDefault(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"))) {
            LOG.warn("Topic {} has {} replicas but min.insync.replicas=1: an acknowledged signature may be on one"
                    + " broker only. Set topics.config.min.insync.replicas=2.", name, replicas);
        }
        return new TopicSpec(name, partitions, (short) replicas, settings);
    }

    public List<TopicSpec> topics() {
        return topics;
    }

    /** Creates what is missing, reports what exists and how it differs; changes nothing that exists. */
    public ProvisioningReport provision() {
        List<String> created = new ArrayList<>();
        List<String> existing = new ArrayList<>();
        List<String> differences = new ArrayList<>();
        try (Admin admin = Admin.create(clientProps)) {
            Set<String> present = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<TopicSpec> missing = topics.stream().filter(t -> !present.contains(t.name())).toList();
            List<TopicSpec> found = topics.stream().filter(t -> present.contains(t.name())).toList();
            CreateTopicsResult creation = admin.createTopics(missing.stream()
                    .map(spec -> new NewTopic(spec.name(), spec.partitions(), spec.replicationFactor()).configs(spec.configs()))
                    .toList());
            for (TopicSpec spec : missing) {
                try {
                    creation.values().get(spec.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(spec.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Cannot create topic " + spec.name() + " (" + spec.partitions()
                                + " partitions, " + spec.replicationFactor() + " replicas): " + e.getCause().getMessage()
                                + hint(e.getCause()), e.getCause());
                    }
                    existing.add(spec.name()); // created meanwhile by someone else
                }
            }
            if (!created.isEmpty()) {
                awaitLeaders(admin, created, Duration.ofSeconds(TIMEOUT_SECONDS));
            }
            if (!found.isEmpty()) {
                existing.addAll(found.stream().map(TopicSpec::name).toList());
                differences.addAll(differences(admin, found));
            }
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Cannot provision topics on " + clientProps.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    + ": " + cause.getMessage() + ". Is Kafka running, and do the kafka.* settings let us in?", cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        }
        ProvisioningReport report = new ProvisioningReport(created, existing, differences);
        LOG.info("Topics: {}", report.describe());
        return report;
    }

    /**
     * Waits until every partition of the topics has a leader. A producer that writes to a topic created a moment
     * ago gets NOT_LEADER_OR_FOLLOWER while the broker catches up, and an idempotent producer with several
     * requests in flight can then be refused for good with OUT_OF_ORDER_SEQUENCE_NUMBER. On a busy broker the
     * topics may not even be in its metadata yet (UNKNOWN_TOPIC_OR_PARTITION): that too means "not yet".
     */
    public static void awaitLeaders(Admin admin, Collection<String> topics, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10;
        while (true) {
            if (haveLeaders(admin, topics)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("Partitions of " + topics + " still have no leader after " + timeout);
            }
            Thread.sleep(pause);
            pause = Math.min(pause * 2, 500);
        }
    }

    private static boolean haveLeaders(Admin admin, Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        try {
            return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                    .stream().flatMap(d -> d.partitions().stream())
                    .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    private static List<String> differences(Admin admin, Collection<TopicSpec> found)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<String, TopicSpec> byName = found.stream().collect(Collectors.toMap(TopicSpec::name, t -> t));
        Map<String, TopicDescription> descriptions = admin.describeTopics(byName.keySet()).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(byName.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList())
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> differences = new ArrayList<>();
        for (TopicSpec spec : found) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions != spec.partitions()) {
                differences.add(spec.name() + ": " + partitions + " partitions, wanted " + spec.partitions());
            }
            int replicas = description.partitions().get(0).replicas().size();
            if (replicas != spec.replicationFactor()) {
                differences.add(spec.name() + ": replication factor " + replicas + ", wanted " + spec.replicationFactor());
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, wanted) -> {
                String value = actual.get(key) == null ? null : actual.get(key).value();
                if (!wanted.equals(value)) {
                    differences.add(spec.name() + ": " + key + "=" + value + ", wanted " + wanted);
                }
            });
        }
        return differences;
    }

    private static String hint(Throwable cause) {
        return cause instanceof org.apache.kafka.common.errors.InvalidReplicationFactorException
                ? ". The cluster has fewer brokers than that: lower topics.replication.factor." : "";
    }

    private static int integer(ServiceConfig config, String key, int defaultValue) {
        String value = config.string(key, null);
        return value == null ? defaultValue : config.integer(key);
    }

    private static Map<String, String> withPrefix(ServiceConfig config, String prefix) {
        Map<String, String> selected = new HashMap<>();
        config.withPrefix(prefix, true).forEach((key, value) -> selected.put(key, value.toString()));
        return selected;
    }
}
