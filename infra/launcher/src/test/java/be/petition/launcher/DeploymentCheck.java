package be.petition.launcher;

import be.petition.serde.AvroSerdeConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import picocli.CommandLine;

/**
 * Checks the deployment files of {@code infra/deploy} without kubectl or a container engine: parses every YAML
 * document and checks what the API server and the services would refuse or silently get wrong (required fields per
 * kind, selectors that match, references to Secrets, ConfigMaps, volumes and ports that exist, probes on endpoints
 * the services serve, environment variables that are documented settings or secrets, commands the launcher knows).
 * Each method returns the problems found, one readable line each; none = valid.
 */
final class DeploymentCheck {

    /** One YAML document and the file it came from. */
    record Doc(String file, Map<String, Object> body) {
        String kind() {
            return str(body.get("kind"));
        }

        String name() {
            return str(map(body.get("metadata")).get("name"));
        }

        String namespace() {
            return str(map(body.get("metadata")).get("namespace"));
        }

        String where() {
            return file + ": " + kind() + " " + name();
        }
    }

    /** What the launcher's subcommands read: their defaults file, HTTP settings and endpoints, and secrets. */
    record Service(String defaults, String hostKey, String portKey, Set<String> paths, Set<String> requiredSecrets,
                   Set<String> optionalSecrets) {
    }

    static final Map<String, Service> SERVICES = Map.of(
            "streams", new Service("streams.properties", "streams.http.host", "streams.http.port",
                    Set.of("/health/ready", "/health/live", "/metrics", "/", "/api/v1/total"),
                    Set.of("streams.internal.secret"), Set.of()),
            "gateway", new Service("gateway.properties", "gateway.host", "gateway.port",
                    Set.of("/health/ready", "/health/live", "/metrics"),
                    Set.of("pepper", "app.api.key", "app.install.key", "confirm.key"),
                    Set.of("telephony.token", "mail.smtp.password")),
            "registry", new Service("registry.properties", "registry.host", "registry.port", Set.of("/"),
                    Set.of(), Set.of()),
            "topics", new Service("topics.properties", null, null, Set.of(), Set.of(), Set.of()),
            "report", new Service("report.properties", null, null, Set.of(), Set.of(), Set.of()),
            "audit", new Service("audit.properties", "audit.metrics.host", "audit.metrics.port", Set.of("/metrics"),
                    Set.of(), Set.of()));

    /** Every secret a service reads (ServiceConfig.secret: the setting, or a file named by {@code <key>.file}). */
    static final Set<String> SECRETS = Set.of("pepper", "app.api.key", "app.install.key", "telephony.token",
            "confirm.key", "mail.smtp.password", "streams.internal.secret", "basic.auth.user.info");

    /** Settings passed through to the Kafka clients, the Avro serde, or shared by every service (topic renames). */
    private static final List<String> PASS_THROUGH = List.of("kafka.", "schema.registry.", "basic.auth.", "serde.",
            "topics.");

    /** Environment variables that are not settings: Kubernetes' downward API and the JVM's own. */
    private static final Set<String> PLAIN_ENV = Set.of("POD_NAME", "POD_NAMESPACE", "JAVA_TOOL_OPTIONS");

    private static final Map<String, String> API_VERSIONS = Map.ofEntries(
            Map.entry("Namespace", "v1"), Map.entry("ConfigMap", "v1"), Map.entry("Secret", "v1"),
            Map.entry("Service", "v1"), Map.entry("PersistentVolumeClaim", "v1"),
            Map.entry("Deployment", "apps/v1"), Map.entry("StatefulSet", "apps/v1"),
            Map.entry("Job", "batch/v1"), Map.entry("CronJob", "batch/v1"),
            Map.entry("PodDisruptionBudget", "policy/v1"),
            Map.entry("Kustomization", "kustomize.config.k8s.io/v1beta1"));

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "Job", "CronJob");
    private static final Pattern DNS_NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#\\s?([a-z][a-z0-9]*(?:\\.[a-z0-9]+)+)=");

    private DeploymentCheck() {
    }

    // ---------------------------------------------------------------- loading

    static List<Doc> load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(file.getFileName().toString(), reader);
        }
    }

    static List<Doc> parse(String name, String yaml) {
        return load(name, new StringReader(yaml));
    }

    @SuppressWarnings("unchecked")
    private static List<Doc> load(String name, Reader reader) {
        List<Doc> docs = new ArrayList<>();
        for (Object document : yaml().loadAll(reader)) {
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map)) {
                throw new IllegalArgumentException(name + ": a document is not a mapping: " + document);
            }
            docs.add(new Doc(name, (Map<String, Object>) document));
        }
        return docs;
    }

    private static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    // ---------------------------------------------------------------- settings

    /** The keys a defaults file documents: its settings, and the commented-out ones ({@code #key=value}). */
    static Set<String> documentedKeys(String defaultsResource) {
        Set<String> keys = new TreeSet<>();
        try (InputStream in = DeploymentCheck.class.getClassLoader().getResourceAsStream(defaultsResource)) {
            if (in == null) {
                throw new IllegalStateException(defaultsResource + " is not on the test classpath");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            keys.addAll(properties.stringPropertyNames());
            for (String line : text.split("\n")) {
                Matcher matcher = COMMENTED_KEY.matcher(line.trim());
                if (matcher.find()) {
                    keys.add(matcher.group(1));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return keys;
    }

    static Map<String, String> defaults(String defaultsResource) {
        Map<String, String> values = new LinkedHashMap<>();
        try (InputStream in = DeploymentCheck.class.getClassLoader().getResourceAsStream(defaultsResource)) {
            Properties properties = new Properties();
            properties.load(Objects.requireNonNull(in, defaultsResource));
            properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    /** The setting an environment variable sets (ServiceConfig.load), or null when it is not a PETITION_ one. */
    static String settingOf(String envName) {
        if (!envName.startsWith("PETITION_") || envName.length() == "PETITION_".length()) {
            return null;
        }
        return envName.substring("PETITION_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
    }

    /** Why an environment variable means nothing to a service, or null when it is a setting or secret it reads. */
    static String unknownSetting(String command, String envName) {
        if (PLAIN_ENV.contains(envName)) {
            return null;
        }
        String key = settingOf(envName);
        if (key == null) {
            return envName + " is not a PETITION_ setting";
        }
        String plain = key.endsWith(".file") ? key.substring(0, key.length() - ".file".length()) : key;
        if (SECRETS.contains(plain)) {
            return null;
        }
        if (PASS_THROUGH.stream().anyMatch(key::startsWith) || AvroSerdeConfig.TOP_LEVEL_KEYS.contains(key)) {
            return null;
        }
        Service service = SERVICES.get(command);
        if (service != null && documentedKeys(service.defaults()).contains(key)) {
            return null;
        }
        return envName + " (" + key + ") is not a setting of `petition " + command + "` ("
                + (service == null ? "unknown service" : service.defaults()) + ") nor a known secret";
    }

    /** Why the launcher would refuse these arguments, or null when it parses them. */
    static String badCommand(List<String> args) {
        if (args.isEmpty()) {
            return "no petition command given (args)";
        }
        if (!SERVICES.containsKey(args.get(0))) {
            return "`petition " + args.get(0) + "` is not a service these files may run " + SERVICES.keySet();
        }
        try {
            Petition.commandLine().parseArgs(args.toArray(String[]::new));
            return null;
        } catch (CommandLine.ParameterException e) {
            return "`petition " + String.join(" ", args) + "`: " + e.getMessage();
        }
    }

    // ---------------------------------------------------------------- Kubernetes

    static List<String> kubernetes(List<Doc> docs) {
        List<String> problems = new ArrayList<>();
        Map<String, Doc> byKindName = new HashMap<>();
        Set<String> namespaces = new LinkedHashSet<>();
        for (Doc doc : docs) {
            checkHeader(doc, problems);
            if (byKindName.put(doc.kind() + "/" + doc.namespace() + "/" + doc.name(), doc) != null) {
                problems.add(doc.where() + ": declared twice");
            }
            if ("Namespace".equals(doc.kind())) {
                namespaces.add(doc.name());
            }
        }
        for (Doc doc : docs) {
            String kind = doc.kind();
            if (kind == null || "Namespace".equals(kind) || "Kustomization".equals(kind)) {
                continue;
            }
            if (!namespaces.contains(doc.namespace())) {
                problems.add(doc.where() + ": metadata.namespace \"" + doc.namespace() + "\" is not a Namespace of"
                        + " these files " + namespaces);
            }
            switch (kind) {
                case "ConfigMap" -> stringValues(doc, "data", problems);
                case "Secret" -> {
                    stringValues(doc, "stringData", problems);
                    stringValues(doc, "data", problems);
                }
                case "Service" -> checkService(doc, docs, problems);
                case "PodDisruptionBudget" -> checkBudget(doc, docs, problems);
                case "PersistentVolumeClaim" -> checkClaim(doc.where(), map(doc.body().get("spec")), problems);
                default -> {
                }
            }
            if (WORKLOADS.contains(kind)) {
                checkWorkload(doc, docs, byKindName, problems);
            }
        }
        return problems;
    }

    private static void checkHeader(Doc doc, List<String> problems) {
        String kind = doc.kind();
        String apiVersion = str(doc.body().get("apiVersion"));
        if (kind == null || apiVersion == null) {
            problems.add(doc.file() + ": a document without apiVersion or kind");
            return;
        }
        String expected = API_VERSIONS.get(kind);
        if (expected == null) {
            problems.add(doc.where() + ": kind " + kind + " is not one these files use " + API_VERSIONS.keySet());
        } else if (!expected.equals(apiVersion)) {
            problems.add(doc.where() + ": apiVersion " + apiVersion + ", expected " + expected);
        }
        if ("Kustomization".equals(kind)) {
            return;
        }
        String name = doc.name();
        if (name == null || !DNS_NAME.matcher(name).matches() || name.length() > 63) {
            problems.add(doc.file() + ": " + kind + " has no valid metadata.name (\"" + name + "\")");
        }
    }

    private static void stringValues(Doc doc, String field, List<String> problems) {
        map(doc.body().get(field)).forEach((key, value) -> {
            if (!(value instanceof String)) {
                problems.add(doc.where() + ": " + field + "." + key + " must be a string (quote it), not " + value);
            }
        });
    }

    private static void checkService(Doc doc, List<Doc> docs, List<String> problems) {
        Map<String, Object> spec = map(doc.body().get("spec"));
        Map<String, Object> selector = map(spec.get("selector"));
        if (selector.isEmpty()) {
            problems.add(doc.where() + ": spec.selector is empty");
            return;
        }
        List<Doc> selected = selectedWorkloads(doc.namespace(), selector, docs);
        if (selected.isEmpty()) {
            problems.add(doc.where() + ": selector " + selector + " matches no pod template");
            return;
        }
        List<Object> ports = list(spec.get("ports"));
        if (ports.isEmpty()) {
            problems.add(doc.where() + ": no ports");
        }
        for (Object port : ports) {
            Map<String, Object> p = map(port);
            Object target = p.getOrDefault("targetPort", p.get("port"));
            for (Doc workload : selected) {
                if (containers(workload).stream().noneMatch(c -> containerPort(c, target) != null)) {
                    problems.add(doc.where() + ": targetPort " + target + " is no container port of " + workload.where());
                }
            }
        }
    }

    private static void checkBudget(Doc doc, List<Doc> docs, List<String> problems) {
        Map<String, Object> spec = map(doc.body().get("spec"));
        boolean min = spec.containsKey("minAvailable");
        boolean max = spec.containsKey("maxUnavailable");
        if (min == max) {
            problems.add(doc.where() + ": set exactly one of minAvailable and maxUnavailable");
        }
        Map<String, Object> matchLabels = map(map(spec.get("selector")).get("matchLabels"));
        List<Doc> selected = selectedWorkloads(doc.namespace(), matchLabels, docs);
        if (matchLabels.isEmpty() || selected.isEmpty()) {
            problems.add(doc.where() + ": selector " + matchLabels + " matches no pod template");
        }
        for (Doc workload : selected) {
            Object replicas = map(workload.body().get("spec")).getOrDefault("replicas", 1);
            if (min && spec.get("minAvailable") instanceof Integer minAvailable && replicas instanceof Integer r
                    && minAvailable >= r) {
                problems.add(doc.where() + ": minAvailable " + minAvailable + " of " + r + " replicas of "
                        + workload.where() + " blocks every voluntary eviction (node drains)");
            }
        }
    }

    private static void checkClaim(String where, Map<String, Object> spec, List<String> problems) {
        if (list(spec.get("accessModes")).isEmpty()) {
            problems.add(where + ": a volume claim without accessModes");
        }
        if (map(map(spec.get("resources")).get("requests")).get("storage") == null) {
            problems.add(where + ": a volume claim without resources.requests.storage");
        }
    }

    private static void checkWorkload(Doc doc, List<Doc> docs, Map<String, Doc> byKindName, List<String> problems) {
        String kind = doc.kind();
        Map<String, Object> spec = map(doc.body().get("spec"));
        if ("CronJob".equals(kind)) {
            String schedule = str(spec.get("schedule"));
            if (schedule == null || schedule.trim().split("\\s+").length != 5) {
                problems.add(doc.where() + ": spec.schedule must be a five-field cron expression, not " + schedule);
            }
        }
        Map<String, Object> template = podTemplate(doc);
        if (template.isEmpty()) {
            problems.add(doc.where() + ": no pod template");
            return;
        }
        Map<String, Object> labels = map(map(template.get("metadata")).get("labels"));
        if (Set.of("Deployment", "StatefulSet").contains(kind)) {
            Map<String, Object> matchLabels = map(map(spec.get("selector")).get("matchLabels"));
            if (matchLabels.isEmpty()) {
                problems.add(doc.where() + ": spec.selector.matchLabels is empty");
            } else if (!labels.entrySet().containsAll(matchLabels.entrySet())) {
                problems.add(doc.where() + ": spec.selector " + matchLabels + " does not match the pod template's"
                        + " labels " + labels);
            }
        }
        Map<String, Object> podSpec = map(template.get("spec"));
        if (Set.of("Job", "CronJob").contains(kind)
                && !Set.of("OnFailure", "Never").contains(str(podSpec.get("restartPolicy")))) {
            problems.add(doc.where() + ": a Job's pods need restartPolicy OnFailure or Never");
        }
        Map<String, Map<String, Object>> volumes = new HashMap<>();
        for (Object volume : list(podSpec.get("volumes"))) {
            volumes.put(str(map(volume).get("name")), map(volume));
        }
        Set<String> claimTemplates = new LinkedHashSet<>();
        if ("StatefulSet".equals(kind)) {
            checkStatefulSet(doc, spec, docs, claimTemplates, problems);
        }
        for (Map.Entry<String, Map<String, Object>> volume : volumes.entrySet()) {
            checkVolume(doc, volume.getValue(), byKindName, problems);
        }
        List<Map<String, Object>> containers = containers(doc);
        if (containers.isEmpty()) {
            problems.add(doc.where() + ": no containers");
        }
        Set<String> mounted = new LinkedHashSet<>();
        for (Map<String, Object> container : containers) {
            checkContainer(doc, container, volumes, claimTemplates, mounted, byKindName, problems);
        }
        for (String claim : claimTemplates) {
            if (!mounted.contains(claim)) {
                problems.add(doc.where() + ": volumeClaimTemplate " + claim + " is mounted by no container");
            }
        }
    }

    private static void checkStatefulSet(Doc doc, Map<String, Object> spec, List<Doc> docs, Set<String> claimTemplates,
                                         List<String> problems) {
        String serviceName = str(spec.get("serviceName"));
        Doc headless = docs.stream().filter(d -> "Service".equals(d.kind()) && d.name() != null
                && d.name().equals(serviceName) && Objects.equals(d.namespace(), doc.namespace())).findFirst()
                .orElse(null);
        if (headless == null) {
            problems.add(doc.where() + ": spec.serviceName " + serviceName + " is no Service of these files");
        } else {
            Map<String, Object> serviceSpec = map(headless.body().get("spec"));
            if (!"None".equals(str(serviceSpec.get("clusterIP")))) {
                problems.add(doc.where() + ": its serviceName " + serviceName + " must be headless (clusterIP: None)");
            }
            if (!selectedWorkloads(doc.namespace(), map(serviceSpec.get("selector")), List.of(doc)).contains(doc)) {
                problems.add(doc.where() + ": its headless Service " + serviceName + " does not select its pods");
            }
        }
        List<Object> templates = list(spec.get("volumeClaimTemplates"));
        if (templates.isEmpty()) {
            problems.add(doc.where() + ": no volumeClaimTemplates (the state stores would not survive a restart)");
        }
        for (Object template : templates) {
            String name = str(map(map(template).get("metadata")).get("name"));
            if (name == null) {
                problems.add(doc.where() + ": a volumeClaimTemplate without metadata.name");
            } else {
                claimTemplates.add(name);
            }
            checkClaim(doc.where() + " volumeClaimTemplate " + name, map(map(template).get("spec")), problems);
        }
    }

    private static void checkVolume(Doc doc, Map<String, Object> volume, Map<String, Doc> byKindName,
                                    List<String> problems) {
        Map<String, Object> secret = map(volume.get("secret"));
        if (!secret.isEmpty() && !byKindName.containsKey("Secret/" + doc.namespace() + "/" + str(secret.get("secretName")))) {
            problems.add(doc.where() + ": volume " + volume.get("name") + " names the missing Secret "
                    + secret.get("secretName"));
        }
        Map<String, Object> configMap = map(volume.get("configMap"));
        if (!configMap.isEmpty()
                && !byKindName.containsKey("ConfigMap/" + doc.namespace() + "/" + str(configMap.get("name")))) {
            problems.add(doc.where() + ": volume " + volume.get("name") + " names the missing ConfigMap "
                    + configMap.get("name"));
        }
        Map<String, Object> claim = map(volume.get("persistentVolumeClaim"));
        if (!claim.isEmpty() && !byKindName.containsKey(
                "PersistentVolumeClaim/" + doc.namespace() + "/" + str(claim.get("claimName")))) {
            problems.add(doc.where() + ": volume " + volume.get("name") + " names the missing PersistentVolumeClaim "
                    + claim.get("claimName"));
        }
    }

    private static void checkContainer(Doc doc, Map<String, Object> container, Map<String, Map<String, Object>> volumes,
                                       Set<String> claimTemplates, Set<String> mounted, Map<String, Doc> byKindName,
                                       List<String> problems) {
        String where = doc.where() + " container " + container.get("name");
        if (str(container.get("image")) == null || str(container.get("image")).isBlank()) {
            problems.add(where + ": no image");
        }
        List<String> args = new ArrayList<>();
        list(container.get("args")).forEach(a -> args.add(String.valueOf(a)));
        String commandProblem = badCommand(args);
        if (commandProblem != null) {
            problems.add(where + ": " + commandProblem);
            return;
        }
        String command = args.get(0);
        Service service = SERVICES.get(command);

        // volumes and where secrets are mounted
        Map<String, String> secretMounts = new HashMap<>(); // mount path -> Secret name
        for (Object mountObject : list(container.get("volumeMounts"))) {
            Map<String, Object> mount = map(mountObject);
            String name = str(mount.get("name"));
            mounted.add(name);
            if (!volumes.containsKey(name) && !claimTemplates.contains(name)) {
                problems.add(where + ": volumeMount " + name + " is no volume of the pod");
            } else if (volumes.containsKey(name) && volumes.get(name).get("secret") != null) {
                secretMounts.put(str(mount.get("mountPath")), str(map(volumes.get(name).get("secret")).get("secretName")));
            }
        }

        // the settings the container ends up with: defaults file, then envFrom, then env
        Map<String, String> settings = new LinkedHashMap<>(defaults(service.defaults()));
        Set<String> secretsGiven = new LinkedHashSet<>();
        for (Object fromObject : list(container.get("envFrom"))) {
            Map<String, Object> from = map(fromObject);
            for (String refKind : List.of("configMapRef", "secretRef")) {
                if (from.get(refKind) == null) {
                    continue;
                }
                String kindName = refKind.equals("configMapRef") ? "ConfigMap" : "Secret";
                String refName = str(map(from.get(refKind)).get("name"));
                Doc ref = byKindName.get(kindName + "/" + doc.namespace() + "/" + refName);
                if (ref == null) {
                    problems.add(where + ": envFrom names the missing " + kindName + " " + refName);
                    continue;
                }
                Map<String, Object> data = new LinkedHashMap<>(map(ref.body().get("data")));
                data.putAll(map(ref.body().get("stringData")));
                data.forEach((envName, value) -> {
                    String unknown = unknownSetting(command, envName);
                    if (unknown != null) {
                        problems.add(where + ": " + kindName + " " + refName + ": " + unknown);
                    }
                    String key = settingOf(envName);
                    if (key != null) {
                        settings.put(key, String.valueOf(value));
                        noteSecret(key, secretsGiven);
                    }
                });
            }
        }
        Set<String> defined = new LinkedHashSet<>();
        for (Object envObject : list(container.get("env"))) {
            Map<String, Object> env = map(envObject);
            String envName = str(env.get("name"));
            String unknown = unknownSetting(command, envName);
            if (unknown != null) {
                problems.add(where + ": env " + unknown);
            }
            String value;
            if (env.containsKey("value")) {
                if (!(env.get("value") instanceof String)) {
                    problems.add(where + ": env " + envName + " must be a string (quote it), not " + env.get("value"));
                }
                value = String.valueOf(env.get("value"));
                Matcher reference = ENV_REFERENCE.matcher(value);
                while (reference.find()) {
                    if (!defined.contains(reference.group(1))) {
                        problems.add(where + ": env " + envName + " uses $(" + reference.group(1) + "), which is not"
                                + " defined before it (Kubernetes would leave it as it is)");
                    }
                }
            } else {
                value = "<" + envName + " from a reference>";
                Map<String, Object> valueFrom = map(env.get("valueFrom"));
                checkKeyRef(where, envName, "Secret", map(valueFrom.get("secretKeyRef")), doc, byKindName, problems);
                checkKeyRef(where, envName, "ConfigMap", map(valueFrom.get("configMapKeyRef")), doc, byKindName,
                        problems);
                if (valueFrom.isEmpty()) {
                    problems.add(where + ": env " + envName + " has neither value nor valueFrom");
                }
            }
            defined.add(envName);
            String key = settingOf(envName);
            if (key != null) {
                settings.put(key, value);
                noteSecret(key, secretsGiven);
                if (key.endsWith(".file") && SECRETS.contains(key.substring(0, key.length() - 5))) {
                    checkSecretFile(where, envName, value, secretMounts, doc, byKindName, problems);
                }
            }
        }
        for (String secret : service.requiredSecrets()) {
            if (!secretsGiven.contains(secret)) {
                problems.add(where + ": `petition " + command + "` needs the secret " + secret + " ("
                        + be.petition.config.ServiceConfig.envName(secret) + " or "
                        + be.petition.config.ServiceConfig.envName(secret + ".file") + ")");
            }
        }
        checkPorts(where, command, service, container, settings, problems);
        if (command.equals("streams")) {
            checkStreams(where, doc, settings, problems);
        }
        if (command.equals("gateway") && !"Deployment".equals(doc.kind())) {
            problems.add(where + ": the gateway runs as a Deployment");
        }
    }

    private static void noteSecret(String key, Set<String> secretsGiven) {
        String plain = key.endsWith(".file") ? key.substring(0, key.length() - ".file".length()) : key;
        if (SECRETS.contains(plain)) {
            secretsGiven.add(plain);
        }
    }

    private static void checkKeyRef(String where, String envName, String kind, Map<String, Object> ref, Doc doc,
                                    Map<String, Doc> byKindName, List<String> problems) {
        if (ref.isEmpty()) {
            return;
        }
        Doc target = byKindName.get(kind + "/" + doc.namespace() + "/" + str(ref.get("name")));
        boolean optional = Boolean.TRUE.equals(ref.get("optional"));
        if (target == null) {
            if (!optional) {
                problems.add(where + ": env " + envName + " names the missing " + kind + " " + ref.get("name"));
            }
            return;
        }
        Map<String, Object> data = new LinkedHashMap<>(map(target.body().get("data")));
        data.putAll(map(target.body().get("stringData")));
        if (!data.containsKey(str(ref.get("key"))) && !optional) {
            problems.add(where + ": env " + envName + " names the key " + ref.get("key") + ", which " + kind + " "
                    + ref.get("name") + " does not have " + data.keySet());
        }
    }

    private static void checkSecretFile(String where, String envName, String path, Map<String, String> secretMounts,
                                        Doc doc, Map<String, Doc> byKindName, List<String> problems) {
        Path file = Path.of(path);
        String secretName = secretMounts.get(String.valueOf(file.getParent()));
        if (secretName == null) {
            problems.add(where + ": env " + envName + " names " + path + ", but no Secret is mounted at "
                    + file.getParent());
            return;
        }
        Doc secret = byKindName.get("Secret/" + doc.namespace() + "/" + secretName);
        if (secret == null) {
            return; // reported with the volume
        }
        Map<String, Object> data = new LinkedHashMap<>(map(secret.body().get("data")));
        data.putAll(map(secret.body().get("stringData")));
        if (!data.containsKey(String.valueOf(file.getFileName()))) {
            problems.add(where + ": env " + envName + " names " + path + ", but Secret " + secretName + " has no key "
                    + file.getFileName() + " " + data.keySet());
        }
    }

    private static void checkPorts(String where, String command, Service service, Map<String, Object> container,
                                   Map<String, String> settings, List<String> problems) {
        List<Object> ports = list(container.get("ports"));
        if (service.portKey() == null) {
            return;
        }
        if (ports.isEmpty()) {
            problems.add(where + ": `petition " + command + "` serves HTTP but the container declares no port");
            return;
        }
        String port = settings.get(service.portKey());
        if (ports.stream().noneMatch(p -> String.valueOf(map(p).get("containerPort")).equals(port))) {
            problems.add(where + ": " + service.portKey() + "=" + port + " is no containerPort of the container");
        }
        if (!"0.0.0.0".equals(settings.get(service.hostKey()))) {
            problems.add(where + ": " + service.hostKey() + "=" + settings.get(service.hostKey())
                    + ": probes and Services cannot reach it; set " + be.petition.config.ServiceConfig.envName(
                    service.hostKey()) + "=0.0.0.0");
        }
        for (String probeName : List.of("readinessProbe", "livenessProbe")) {
            Map<String, Object> probe = map(container.get(probeName));
            if (probe.isEmpty()) {
                problems.add(where + ": no " + probeName);
                continue;
            }
            Map<String, Object> http = map(probe.get("httpGet"));
            Map<String, Object> tcp = map(probe.get("tcpSocket"));
            Object probePort = !http.isEmpty() ? http.get("port") : tcp.get("port");
            if (http.isEmpty() && tcp.isEmpty()) {
                problems.add(where + ": " + probeName + " is neither httpGet nor tcpSocket");
                continue;
            }
            Object resolved = containerPort(container, probePort);
            if (resolved == null) {
                problems.add(where + ": " + probeName + " port " + probePort + " is no container port");
            } else if (!String.valueOf(resolved).equals(port)) {
                problems.add(where + ": " + probeName + " probes port " + resolved + ", the service listens on " + port);
            }
            if (!http.isEmpty() && !service.paths().contains(str(http.get("path")))) {
                problems.add(where + ": " + probeName + " path " + http.get("path") + " is not served by `petition "
                        + command + "` " + service.paths());
            }
        }
        if (Set.of("streams", "gateway").contains(command)) {
            String ready = str(map(map(container.get("readinessProbe")).get("httpGet")).get("path"));
            String live = str(map(map(container.get("livenessProbe")).get("httpGet")).get("path"));
            if (!"/health/ready".equals(ready) || !"/health/live".equals(live)) {
                problems.add(where + ": readiness must be /health/ready and liveness /health/live, not " + ready
                        + " and " + live);
            }
        }
    }

    private static void checkStreams(String where, Doc doc, Map<String, String> settings, List<String> problems) {
        if (!"StatefulSet".equals(doc.kind())) {
            problems.add(where + ": Petition Streams runs as a StatefulSet (its state stores need stable volumes)");
            return;
        }
        Map<String, Object> spec = map(doc.body().get("spec"));
        String expected = "$(POD_NAME)." + spec.get("serviceName") + ".";
        String server = settings.getOrDefault("streams.application.server", "");
        if (!server.startsWith(expected) || !server.endsWith(":" + settings.get("streams.http.port"))) {
            problems.add(where + ": streams.application.server must be " + expected + "…:"
                    + settings.get("streams.http.port") + " (the pod's name under the headless Service), not \""
                    + server + "\"");
        }
        boolean podName = list(containers(doc).get(0).get("env")).stream().map(DeploymentCheck::map)
                .anyMatch(env -> "POD_NAME".equals(env.get("name")) && "metadata.name".equals(
                        map(map(env.get("valueFrom")).get("fieldRef")).get("fieldPath")));
        if (!podName) {
            problems.add(where + ": POD_NAME must come from fieldRef metadata.name");
        }
        String state = settings.get("streams.state.dir");
        boolean onClaim = list(containers(doc).get(0).get("volumeMounts")).stream().map(DeploymentCheck::map)
                .anyMatch(m -> state != null && state.startsWith(str(m.get("mountPath"))));
        if (!onClaim) {
            problems.add(where + ": streams.state.dir=" + state + " is on no mounted volume");
        }
        requireSetting(where, settings, "streams.standby.replicas", "1", problems);
        requireSetting(where, settings, "streams.replication.factor", "3", problems);
        requireSetting(where, settings, "kafka.topic.min.insync.replicas", "2", problems);
        Object replicas = spec.get("replicas");
        if (!(replicas instanceof Integer r) || r < 2) {
            problems.add(where + ": standby replicas need at least 2 Streams pods, not " + replicas);
        }
    }

    private static void requireSetting(String where, Map<String, String> settings, String key, String value,
                                       List<String> problems) {
        if (!value.equals(settings.get(key))) {
            problems.add(where + ": " + key + " must be " + value + ", not " + settings.get(key));
        }
    }

    // ---------------------------------------------------------------- compose

    static List<String> compose(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        Set<String> secrets = map(compose.get("secrets")).keySet();
        Set<String> volumes = map(compose.get("volumes")).keySet();
        if (services.isEmpty()) {
            problems.add("compose.yaml: no services");
        }
        Map<String, String> hostnames = new HashMap<>(); // name other containers use -> service
        services.forEach((name, body) -> {
            hostnames.put(name, name);
            String hostname = str(map(body).get("hostname"));
            if (hostname != null) {
                hostnames.put(hostname, name);
            }
        });
        List<String> kafka = new ArrayList<>();
        List<String> streams = new ArrayList<>();
        Set<String> hostPorts = new LinkedHashSet<>();
        services.forEach((name, bodyObject) -> {
            Map<String, Object> body = map(bodyObject);
            String where = "compose.yaml: service " + name;
            String image = str(body.get("image"));
            if (image == null && body.get("build") == null) {
                problems.add(where + ": neither image nor build");
            }
            for (Object port : list(body.get("ports"))) {
                String host = String.valueOf(port).split(":")[0];
                if (!hostPorts.add(host)) {
                    problems.add(where + ": host port " + host + " is published twice");
                }
            }
            map(body.get("depends_on")).keySet().forEach(dependency -> {
                if (!services.containsKey(dependency)) {
                    problems.add(where + ": depends_on the missing service " + dependency);
                }
            });
            for (Object volume : list(body.get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/") && !volumes.contains(source)) {
                    problems.add(where + ": the named volume " + source + " is not declared under volumes");
                }
            }
            Set<String> mySecrets = new LinkedHashSet<>();
            for (Object secret : list(body.get("secrets"))) {
                String secretName = secret instanceof Map ? str(map(secret).get("source")) : String.valueOf(secret);
                mySecrets.add(secretName);
                if (!secrets.contains(secretName)) {
                    problems.add(where + ": the secret " + secretName + " is not declared under secrets");
                }
            }
            Map<String, Object> env = map(body.get("environment"));
            env.forEach((envName, value) -> {
                if (!(value instanceof String)) {
                    problems.add(where + ": environment " + envName + " must be a string (quote it), not " + value);
                }
            });
            if (image != null && image.startsWith("apache/kafka")) {
                if (!"apache/kafka:4.3.1".equals(image)) {
                    problems.add(where + ": Kafka is apache/kafka:4.3.1 (DESIGN.md), not " + image);
                }
                kafka.add(name);
                return;
            }
            List<String> command = new ArrayList<>();
            list(body.get("command")).forEach(a -> command.add(String.valueOf(a)));
            if (command.isEmpty()) {
                return; // a third-party image (the mail catcher)
            }
            if (!Objects.equals(image, "petition:local") || body.get("build") == null) {
                problems.add(where + ": runs `petition` but is not the image built from the Containerfile");
            }
            String commandProblem = badCommand(command);
            if (commandProblem != null) {
                problems.add(where + ": " + commandProblem);
                return;
            }
            Service service = SERVICES.get(command.get(0));
            Map<String, String> settings = new LinkedHashMap<>(defaults(service.defaults()));
            Set<String> given = new LinkedHashSet<>();
            env.forEach((envName, value) -> {
                String unknown = unknownSetting(command.get(0), envName);
                if (unknown != null) {
                    problems.add(where + ": " + unknown);
                }
                String key = settingOf(envName);
                if (key == null) {
                    return;
                }
                settings.put(key, String.valueOf(value));
                noteSecret(key, given);
                if (key.endsWith(".file")) {
                    String path = String.valueOf(value);
                    String secretName = path.startsWith("/run/secrets/") ? path.substring("/run/secrets/".length())
                            : null;
                    if (secretName == null || !mySecrets.contains(secretName)) {
                        problems.add(where + ": " + envName + "=" + path + " is not one of its secrets " + mySecrets
                                + " under /run/secrets");
                    }
                }
            });
            for (String secret : service.requiredSecrets()) {
                if (!given.contains(secret)) {
                    problems.add(where + ": `petition " + command.get(0) + "` needs the secret " + secret);
                }
            }
            for (String server : settings.getOrDefault("kafka.bootstrap.servers", "").split(",")) {
                String host = server.trim().split(":")[0];
                if (!kafkaHost(host, hostnames, services)) {
                    problems.add(where + ": bootstrap server " + server + " is no Kafka service of this file");
                }
            }
            for (String urlKey : List.of("schema.registry.url", "mail.smtp.host")) {
                String value = settings.get(urlKey);
                String host = value == null ? null : value.replaceFirst("^[a-z]+://", "").split("[:/]")[0];
                if (host != null && !hostnames.containsKey(host)) {
                    problems.add(where + ": " + urlKey + "=" + value + " names no service of this file");
                }
            }
            if (service.hostKey() != null && !"0.0.0.0".equals(settings.get(service.hostKey()))) {
                problems.add(where + ": " + service.hostKey() + " must be 0.0.0.0 in a container, not "
                        + settings.get(service.hostKey()));
            }
            if (command.get(0).equals("streams")) {
                streams.add(name);
                String own = str(body.get("hostname"));
                String server = settings.get("streams.application.server");
                if (own == null || !(own + ":" + settings.get("streams.http.port")).equals(server)) {
                    problems.add(where + ": streams.application.server must be its own hostname and port ("
                            + own + ":" + settings.get("streams.http.port") + "), not " + server);
                }
                requireSetting(where, settings, "streams.standby.replicas", "1", problems);
                requireSetting(where, settings, "streams.replication.factor", "3", problems);
            }
        });
        if (kafka.size() != 3) {
            problems.add("compose.yaml: a three-broker cluster, not " + kafka);
        }
        Set<String> nodeIds = new LinkedHashSet<>();
        for (String name : kafka) {
            Map<String, Object> env = map(map(services.get(name)).get("environment"));
            nodeIds.add(str(env.get("KAFKA_NODE_ID")));
            String voters = str(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS"));
            for (String other : kafka) {
                String otherId = str(map(map(services.get(other)).get("environment")).get("KAFKA_NODE_ID"));
                if (voters == null || !voters.contains(otherId + "@" + other + ":")) {
                    problems.add("compose.yaml: service " + name + ": the controller quorum " + voters + " lacks "
                            + otherId + "@" + other);
                }
            }
            String advertised = str(env.get("KAFKA_ADVERTISED_LISTENERS"));
            if (advertised == null || !advertised.contains("//" + name + ":")) {
                problems.add("compose.yaml: service " + name + " does not advertise its own name: " + advertised);
            }
        }
        if (nodeIds.size() != kafka.size()) {
            problems.add("compose.yaml: the Kafka node ids are not distinct: " + nodeIds);
        }
        if (streams.size() < 2) {
            problems.add("compose.yaml: two Streams instances at least, not " + streams);
        }
        return problems;
    }

    private static boolean kafkaHost(String host, Map<String, String> hostnames, Map<String, Object> services) {
        String service = hostnames.get(host);
        return service != null && String.valueOf(map(services.get(service)).get("image")).startsWith("apache/kafka");
    }

    // ---------------------------------------------------------------- helpers

    static Map<String, Object> podTemplate(Doc doc) {
        Map<String, Object> spec = map(doc.body().get("spec"));
        if ("CronJob".equals(doc.kind())) {
            spec = map(map(spec.get("jobTemplate")).get("spec"));
        }
        return map(spec.get("template"));
    }

    static List<Map<String, Object>> containers(Doc doc) {
        List<Map<String, Object>> containers = new ArrayList<>();
        list(map(podTemplate(doc).get("spec")).get("containers")).forEach(c -> containers.add(map(c)));
        return containers;
    }

    /** The container port number a Service or probe port (a name or a number) resolves to, or null. */
    private static Object containerPort(Map<String, Object> container, Object port) {
        for (Object p : list(container.get("ports"))) {
            Map<String, Object> declared = map(p);
            if (Objects.equals(declared.get("name"), port) || Objects.equals(declared.get("containerPort"), port)) {
                return declared.get("containerPort");
            }
        }
        return null;
    }

    private static List<Doc> selectedWorkloads(String namespace, Map<String, Object> selector, List<Doc> docs) {
        List<Doc> selected = new ArrayList<>();
        if (selector.isEmpty()) {
            return selected;
        }
        for (Doc doc : docs) {
            if (WORKLOADS.contains(doc.kind()) && Objects.equals(namespace, doc.namespace())) {
                Map<String, Object> labels = map(map(podTemplate(doc).get("metadata")).get("labels"));
                if (labels.entrySet().containsAll(selector.entrySet())) {
                    selected.add(doc);
                }
            }
        }
        return selected;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map ? (Map<String, Object>) value : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value instanceof List ? (List<Object>) value : List.of();
    }

    static String str(Object value) {
        return value == null ? null : String.valueOf(value);
    }
}
