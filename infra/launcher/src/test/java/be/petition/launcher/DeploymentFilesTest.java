package be.petition.launcher;

import static be.petition.launcher.DeploymentCheck.containers;
import static be.petition.launcher.DeploymentCheck.list;
import static be.petition.launcher.DeploymentCheck.map;
import static org.assertj.core.api.Assertions.assertThat;

import be.petition.launcher.DeploymentCheck.Doc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The deployment files of {@code infra/deploy} (Kubernetes manifests, compose.yaml, the Prometheus scrape
 * configuration) checked without kubectl or a container engine: they parse, and {@link DeploymentCheck} finds no
 * problem in them; and it does find the problems of deliberately broken copies, so a green run means something.
 */
class DeploymentFilesTest {

    private static final Path DEPLOY = deployDirectory();
    private static final Path KUBERNETES = DEPLOY.resolve("kubernetes");

    private static Path deployDirectory() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("infra/deploy/kubernetes"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("infra/deploy/kubernetes not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("infra/deploy");
    }

    private static List<Path> manifestFiles() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Doc> manifests() throws IOException {
        List<Doc> docs = new ArrayList<>();
        for (Path file : manifestFiles()) {
            docs.addAll(DeploymentCheck.load(file));
        }
        return docs;
    }

    private static Map<String, Object> compose() throws IOException {
        List<Doc> docs = DeploymentCheck.load(DEPLOY.resolve("compose.yaml"));
        assertThat(docs).hasSize(1);
        return docs.get(0).body();
    }

    private static Doc find(List<Doc> docs, String kind, String name) {
        return docs.stream().filter(d -> kind.equals(d.kind()) && name.equals(d.name())).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    // ------------------------------------------------------------------ the files as they are

    @Test
    void theKubernetesManifestsAreValid() throws IOException {
        assertThat(DeploymentCheck.kubernetes(manifests())).isEmpty();
    }

    @Test
    void theManifestsHoldWhatADeploymentPastOneMachineNeeds() throws IOException {
        List<Doc> docs = manifests();
        Set<String> kinds = new TreeSet<>();
        docs.forEach(d -> kinds.add(d.kind() + " " + d.name()));
        assertThat(kinds).contains("Namespace petition",
                "ConfigMap petition-streams", "ConfigMap petition-gateway", "ConfigMap petition-topics",
                "ConfigMap petition-registry", "ConfigMap petition-report", "ConfigMap petition-audit",
                "Secret petition-gateway-secrets", "Secret petition-streams-secrets",
                "StatefulSet petition-streams", "Service petition-streams-headless", "Service petition-streams",
                "PodDisruptionBudget petition-streams",
                "Deployment petition-gateway", "Service petition-gateway", "PodDisruptionBudget petition-gateway",
                "Job petition-topics", "CronJob petition-report", "Deployment petition-audit",
                "Deployment petition-registry");

        Map<String, Object> headless = map(find(docs, "Service", "petition-streams-headless").body().get("spec"));
        assertThat(headless).containsEntry("clusterIP", "None").containsEntry("publishNotReadyAddresses", true);
        assertThat((Integer) map(find(docs, "Deployment", "petition-gateway").body().get("spec")).get("replicas"))
                .isGreaterThanOrEqualTo(2);
        assertThat(list(containers(find(docs, "Deployment", "petition-audit")).get(0).get("args")))
                .containsSubsequence("audit", "--every", "1h");

        // every secret named by the issue is in a Secret template, with a placeholder value
        Map<String, Object> gatewaySecrets = map(find(docs, "Secret", "petition-gateway-secrets").body()
                .get("stringData"));
        assertThat(gatewaySecrets).containsOnlyKeys("pepper", "app-api-key", "app-install-key", "telephony-token",
                "confirm-key", "mail-smtp-password");
        gatewaySecrets.values().forEach(v -> assertThat((String) v).startsWith("REPLACE-ME"));
        assertThat(map(find(docs, "Secret", "petition-streams-secrets").body().get("stringData")))
                .containsKey("internal-secret");
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Doc kustomization = DeploymentCheck.load(KUBERNETES.resolve("kustomization.yaml")).get(0);
        List<String> listed = list(kustomization.body().get("resources")).stream().map(String::valueOf).toList();
        List<String> present = manifestFiles().stream().map(f -> f.getFileName().toString())
                .filter(f -> !f.equals("kustomization.yaml")).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    }

    @Test
    void theComposeFileIsValid() throws IOException {
        Map<String, Object> compose = compose();
        assertThat(DeploymentCheck.compose(compose)).isEmpty();
        assertThat(map(compose.get("services"))).containsKeys("kafka-1", "kafka-2", "kafka-3", "registry", "topics",
                "streams-1", "streams-2", "gateway", "mail");
    }

    @Test
    void thePrometheusFilesParseAndTheKubernetesJobsKeepTheStaticJobNames() throws IOException {
        for (String file : List.of("prometheus.yml", "kubernetes.yml", "alerts.yml")) {
            assertThat(DeploymentCheck.load(DEPLOY.resolve("prometheus").resolve(file))).as(file).hasSize(1);
        }
        // the Kubernetes scrape job names each target after its pod's app.kubernetes.io/name label: the same job names
        // as prometheus.yml, which alerts.yml and the dashboard select on
        Set<String> staticJobs = new TreeSet<>();
        list(DeploymentCheck.load(DEPLOY.resolve("prometheus/prometheus.yml")).get(0).body().get("scrape_configs"))
                .forEach(job -> staticJobs.add(String.valueOf(map(job).get("job_name"))));
        Set<String> appNames = new TreeSet<>();
        for (Doc doc : manifests()) {
            if (Set.of("Deployment", "StatefulSet").contains(doc.kind())
                    && "true".equals(map(map(DeploymentCheck.podTemplate(doc).get("metadata")).get("annotations"))
                    .get("prometheus.io/scrape"))) {
                appNames.add(String.valueOf(map(map(DeploymentCheck.podTemplate(doc).get("metadata")).get("labels"))
                        .get("app.kubernetes.io/name")));
            }
        }
        assertThat(appNames).containsExactlyInAnyOrder("petition-streams", "petition-gateway", "petition-audit")
                .isEqualTo(staticJobs);
    }

    @Test
    void theContainerfileRunsTheLauncherAsTheScriptDoes() throws IOException {
        String containerfile = Files.readString(DEPLOY.resolve("Containerfile"));
        String script = Files.readString(DEPLOY.resolve("../../petition"));
        assertThat(script).contains("be.petition.launcher.Petition", "infra/launcher/target/lib",
                "infra/launcher/target/petition-launcher.jar");
        assertThat(containerfile).contains("\"be.petition.launcher.Petition\"",
                "/src/infra/launcher/target/petition-launcher.jar", "/src/infra/launcher/target/lib/",
                "FROM eclipse-temurin:17-jre", "USER 10001");
        // every manifest runs the image as the non-root user the Containerfile creates
        for (Doc doc : manifests()) {
            if (Set.of("Deployment", "StatefulSet", "Job", "CronJob").contains(doc.kind())) {
                assertThat(map(map(DeploymentCheck.podTemplate(doc).get("spec")).get("securityContext")))
                        .as(doc.where()).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
            }
        }
    }

    // ------------------------------------------------------------------ the check finds broken files

    private static List<String> problemsAfter(Consumer<List<Doc>> breakIt) throws IOException {
        List<Doc> docs = manifests(); // a fresh copy each time
        breakIt.accept(docs);
        return DeploymentCheck.kubernetes(docs);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mutable(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mutableList(Object value) {
        return (List<Object>) value;
    }

    private static Map<String, Object> firstContainer(List<Doc> docs, String kind, String name) {
        return containers(find(docs, kind, name)).get(0);
    }

    private static Map<String, Object> env(Map<String, Object> container, String name) {
        return list(container.get("env")).stream().map(DeploymentCheck::map)
                .filter(e -> name.equals(e.get("name"))).findFirst().map(DeploymentFilesTest::mutable)
                .orElseThrow();
    }

    @Test
    void aDocumentWithoutItsRequiredFieldsIsRefused() {
        List<Doc> docs = DeploymentCheck.parse("broken.yaml", """
                kind: Deployment
                metadata: {}
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata:
                  name: Petition_Streams
                  namespace: petition
                spec:
                  selector: {matchLabels: {app: a}}
                  template:
                    metadata: {labels: {app: b}}
                    spec:
                      containers:
                        - name: streams
                          args: ["stream"]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: stray}
                """);
        assertThat(DeploymentCheck.kubernetes(docs)).anySatisfy(p -> assertThat(p).contains("without apiVersion"))
                .anySatisfy(p -> assertThat(p).contains("no valid metadata.name"))
                .anySatisfy(p -> assertThat(p).contains("is not a Namespace"))
                .anySatisfy(p -> assertThat(p).contains("does not match the pod template's labels"))
                .anySatisfy(p -> assertThat(p).contains("spec.serviceName null is no Service"))
                .anySatisfy(p -> assertThat(p).contains("no volumeClaimTemplates"))
                .anySatisfy(p -> assertThat(p).contains("no image"))
                .anySatisfy(p -> assertThat(p).contains("`petition stream` is not a service"))
                .anySatisfy(p -> assertThat(p).contains("kind Pod is not one"));
    }

    @Test
    void aPdbThatSelectsNothingAndASelectorThatMissesItsPodsAreFound() throws IOException {
        assertThat(problemsAfter(docs -> mutable(mutable(mutable(find(docs, "PodDisruptionBudget", "petition-gateway")
                .body().get("spec")).get("selector")).get("matchLabels")).put("app.kubernetes.io/name", "gateway")))
                .anySatisfy(p -> assertThat(p).contains("PodDisruptionBudget petition-gateway", "matches no pod"));
        assertThat(problemsAfter(docs -> mutable(mutable(mutable(find(docs, "Deployment", "petition-gateway").body()
                .get("spec")).get("selector")).get("matchLabels")).put("tier", "front")))
                .anySatisfy(p -> assertThat(p).contains("Deployment petition-gateway", "does not match"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "PodDisruptionBudget", "petition-gateway").body()
                .get("spec")).put("minAvailable", 3)))
                .anySatisfy(p -> assertThat(p).contains("blocks every voluntary eviction"));
    }

    @Test
    void missingSecretsConfigMapsAndKeysAreFound() throws IOException {
        assertThat(problemsAfter(docs -> docs.removeIf(d -> "petition-streams-secrets".equals(d.name()))))
                .anySatisfy(p -> assertThat(p).contains("missing Secret petition-streams-secrets"));
        assertThat(problemsAfter(docs -> docs.removeIf(d -> "ConfigMap".equals(d.kind())
                && "petition-gateway".equals(d.name()))))
                .anySatisfy(p -> assertThat(p).contains("envFrom names the missing ConfigMap petition-gateway"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "Secret", "petition-gateway-secrets").body()
                .get("stringData")).remove("confirm-key")))
                .anySatisfy(p -> assertThat(p).contains("PETITION_CONFIRM_KEY_FILE",
                        "has no key confirm-key"));
        assertThat(problemsAfter(docs -> mutableList(firstContainer(docs, "Deployment", "petition-gateway")
                .get("env")).removeIf(e -> "PETITION_PEPPER_FILE".equals(map(e).get("name")))))
                .anySatisfy(p -> assertThat(p).contains("needs the secret pepper"));
        assertThat(problemsAfter(docs -> docs.removeIf(d -> "petition-reports".equals(d.name()))))
                .anySatisfy(p -> assertThat(p).contains("missing PersistentVolumeClaim petition-reports"));
    }

    @Test
    void undocumentedSettingsAndUnquotedNumbersAreFound() throws IOException {
        assertThat(problemsAfter(docs -> mutable(find(docs, "ConfigMap", "petition-streams").body().get("data"))
                .put("PETITION_STREAMS_STANDBY_REPLICA", "1")))
                .anySatisfy(p -> assertThat(p).contains("PETITION_STREAMS_STANDBY_REPLICA",
                        "is not a setting of `petition streams`"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "ConfigMap", "petition-gateway").body().get("data"))
                .put("PETITION_STREAMS_THREADS", "2")))
                .anySatisfy(p -> assertThat(p).contains("is not a setting of `petition gateway`"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "ConfigMap", "petition-streams").body().get("data"))
                .put("PETITION_STREAMS_STANDBY_REPLICAS", 1)))
                .anySatisfy(p -> assertThat(p).contains("PETITION_STREAMS_STANDBY_REPLICAS must be a string"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "ConfigMap", "petition-streams").body().get("data"))
                .put("PETITION_STREAMS_STANDBY_REPLICAS", "0")))
                .anySatisfy(p -> assertThat(p).contains("streams.standby.replicas must be 1, not 0"));
    }

    @Test
    void streamsWithoutItsPodNameOrOnLocalhostOrProbingElsewhereAreFound() throws IOException {
        assertThat(problemsAfter(docs -> env(firstContainer(docs, "StatefulSet", "petition-streams"),
                "PETITION_STREAMS_APPLICATION_SERVER").put("value", "127.0.0.1:8090")))
                .anySatisfy(p -> assertThat(p).contains("streams.application.server must be"));
        assertThat(problemsAfter(docs -> mutableList(firstContainer(docs, "StatefulSet", "petition-streams")
                .get("env")).remove(0)))
                .anySatisfy(p -> assertThat(p).contains("$(POD_NAME), which is not defined before it"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "ConfigMap", "petition-streams").body().get("data"))
                .remove("PETITION_STREAMS_HTTP_HOST")))
                .anySatisfy(p -> assertThat(p).contains("streams.http.host=127.0.0.1"));
        assertThat(problemsAfter(docs -> mutable(mutable(firstContainer(docs, "StatefulSet", "petition-streams")
                .get("readinessProbe")).get("httpGet")).put("path", "/healthz")))
                .anySatisfy(p -> assertThat(p).contains("path /healthz is not served"));
        assertThat(problemsAfter(docs -> mutable(mutable(firstContainer(docs, "Deployment", "petition-gateway")
                .get("livenessProbe")).get("httpGet")).put("port", 8090)))
                .anySatisfy(p -> assertThat(p).contains("livenessProbe port 8090 is no container port"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "StatefulSet", "petition-streams").body().get("spec"))
                .remove("volumeClaimTemplates")))
                .anySatisfy(p -> assertThat(p).contains("no volumeClaimTemplates"))
                .anySatisfy(p -> assertThat(p).contains("volumeMount state is no volume"));
        assertThat(problemsAfter(docs -> mutable(find(docs, "Service", "petition-streams-headless").body()
                .get("spec")).remove("clusterIP")))
                .anySatisfy(p -> assertThat(p).contains("must be headless"));
        assertThat(problemsAfter(docs -> mutableList(firstContainer(docs, "Deployment", "petition-audit")
                .get("args")).set(1, "--evry")))
                .anySatisfy(p -> assertThat(p).contains("`petition audit --evry"));
    }

    @Test
    void aBrokenComposeFileIsFound() throws IOException {
        Map<String, Object> compose = compose();
        Map<String, Object> services = mutable(compose.get("services"));
        mutable(mutable(services.get("streams-2")).get("environment"))
                .put("PETITION_STREAMS_APPLICATION_SERVER", "streams-1:8090");
        mutable(mutable(services.get("gateway")).get("depends_on")).put("smtp", Map.of("condition", "service_started"));
        mutable(mutable(services.get("gateway")).get("environment")).put("PETITION_GATEWAY_PROT", "8080");
        mutable(mutable(services.get("gateway")).get("environment")).put("PETITION_MAIL_SMTP_HOST", "mailhog");
        mutableList(mutable(services.get("gateway")).get("secrets")).remove("pepper");
        mutable(mutable(services.get("kafka-3")).get("environment")).put("KAFKA_NODE_ID", "2");
        mutable(services.get("registry")).put("image", "confluentinc/cp-schema-registry:7.6.0");
        assertThat(DeploymentCheck.compose(compose))
                .anySatisfy(p -> assertThat(p).contains("streams-2", "its own hostname"))
                .anySatisfy(p -> assertThat(p).contains("depends_on the missing service smtp"))
                .anySatisfy(p -> assertThat(p).contains("PETITION_GATEWAY_PROT"))
                .anySatisfy(p -> assertThat(p).contains("mail.smtp.host=mailhog names no service"))
                .anySatisfy(p -> assertThat(p).contains("/run/secrets/pepper is not one of its secrets"))
                .anySatisfy(p -> assertThat(p).contains("node ids are not distinct"))
                .anySatisfy(p -> assertThat(p).contains("registry", "not the image built from the Containerfile"));
    }
}
