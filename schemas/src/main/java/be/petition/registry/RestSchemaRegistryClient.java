package be.petition.registry;

import be.petition.serde.AvroSerdeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.avro.Schema;

/**
 * Client of the Confluent Schema Registry REST API (also Apicurio's ccompat API, Karapace, Redpanda).
 * Caches ids and schemas, retries 5xx answers and connection failures with exponential backoff, fails over
 * between comma-separated URLs, and supports basic auth and TLS with Confluent's configuration keys.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<URI> baseUris;
    private final HttpClient http;
    private final String authorization;
    private final Duration readTimeout;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;

    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public RestSchemaRegistryClient(AvroSerdeConfig config) {
        List<URI> uris = new ArrayList<>();
        String userInfo = config.basicAuthUserInfo();
        for (String url : config.registryUrl().split(",")) {
            URI uri = URI.create(url.trim().replaceAll("/+$", ""));
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new IllegalArgumentException("Schema Registry URL \"" + url.trim()
                        + "\" must start with http:// or https://");
            }
            if (userInfo == null && uri.getUserInfo() != null) {
                userInfo = uri.getUserInfo();
            }
            uris.add(uri);
        }
        this.baseUris = List.copyOf(uris);
        this.authorization = userInfo == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(config.connectTimeoutMs()))
                .followRedirects(HttpClient.Redirect.NORMAL);
        SSLContext ssl = sslContext(config);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.readTimeout = Duration.ofMillis(config.readTimeoutMs());
        this.maxRetries = Math.max(0, config.maxRetries());
        this.retryWaitMs = Math.max(1, config.retriesWaitMs());
        this.retryMaxWaitMs = Math.max(retryWaitMs, config.retriesMaxWaitMs());
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.path("id").asInt();
        idBySubjectSchema.put(key, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public int idOf(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject), schemaBody(schema));
        int id = answer.path("id").asInt();
        idBySubjectSchema.put(key, id);
        schemaById.putIfAbsent(id, schema);
        return id;
    }

    @Override
    public Schema schemaById(int id) {
        Schema cached = schemaById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("GET", "/schemas/ids/" + id, null);
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new SchemaRegistryException(200, SchemaRegistryException.INVALID_SCHEMA, "Schema id " + id
                    + " in " + describe() + " is a " + type + " schema, not Avro");
        }
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        schemaById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = new Schema.Parser().parse(answer.path("schema").asText());
        int id = answer.path("id").asInt();
        schemaById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (SchemaRegistryException e) {
            if (e.errorCode() == SchemaRegistryException.SUBJECT_NOT_FOUND
                    || e.errorCode() == SchemaRegistryException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("Schema Registry at ");
        for (int i = 0; i < baseUris.size(); i++) {
            URI uri = baseUris.get(i);
            text.append(i == 0 ? "" : ", ").append(uri.getScheme()).append("://").append(uri.getHost());
            if (uri.getPort() >= 0) {
                text.append(':').append(uri.getPort());
            }
            text.append(uri.getPath());
        }
        return text.toString();
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        body.put("schemaType", "AVRO");
        return body.toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one request, retrying 5xx and connection failures with backoff, trying each URL in turn. */
    private JsonNode send(String method, String path, String body) {
        Exception lastFailure = null;
        int lastStatus = SchemaRegistryException.UNREACHABLE;
        String lastMessage = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                sleepBeforeRetry(attempt);
            }
            for (URI base : baseUris) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(withoutUserInfo(base) + path))
                        .timeout(readTimeout)
                        .header("Accept", CONTENT_TYPE + ", application/json")
                        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body));
                if (body != null) {
                    request.header("Content-Type", CONTENT_TYPE);
                }
                if (authorization != null) {
                    request.header("Authorization", authorization);
                }
                HttpResponse<String> response;
                try {
                    response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    lastFailure = e;
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException(-1, SchemaRegistryException.UNREACHABLE,
                            "Interrupted while calling the " + describe(), e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(response.body());
                }
                JsonNode error = parseQuietly(response.body());
                int errorCode = error.path("error_code").asInt(status);
                String message = error.path("message").asText(response.body());
                if (status >= 500) {
                    lastStatus = status;
                    lastMessage = message;
                    lastFailure = null;
                    continue;
                }
                throw clientError(status, errorCode, message, method, path);
            }
        }
        if (lastFailure != null) {
            throw new SchemaRegistryException(-1, SchemaRegistryException.UNREACHABLE, "The " + describe()
                    + " is unreachable after " + (maxRetries + 1) + " attempts (" + lastFailure.getClass().getSimpleName()
                    + (lastFailure.getMessage() == null ? "" : ": " + lastFailure.getMessage())
                    + "). Is it running, and is schema.registry.url right?", lastFailure);
        }
        throw new SchemaRegistryException(lastStatus, lastStatus, "The " + describe() + " failed " + method + " "
                + path + " with HTTP " + lastStatus + " after " + (maxRetries + 1) + " attempts: " + lastMessage);
    }

    private SchemaRegistryException clientError(int status, int code, String message, String method, String path) {
        String text = switch (code) {
            case SchemaRegistryException.INCOMPATIBLE_SCHEMA -> "Schema is incompatible with an earlier version"
                    + " registered in the " + describe() + ": " + message;
            case 401, 403 -> "The " + describe() + " refused the credentials (HTTP " + status + "): " + message
                    + ". Check basic.auth.user.info.";
            default -> "The " + describe() + " answered " + method + " " + path + " with error " + code + ": " + message;
        };
        return new SchemaRegistryException(status, code, text);
    }

    private void sleepBeforeRetry(int attempt) {
        long wait = Math.min(retryMaxWaitMs, retryWaitMs << Math.min(attempt - 1, 20));
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException(-1, SchemaRegistryException.UNREACHABLE,
                    "Interrupted while waiting to retry the " + describe(), e);
        }
    }

    private static String withoutUserInfo(URI base) {
        if (base.getUserInfo() == null) {
            return base.toString();
        }
        return base.getScheme() + "://" + base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "")
                + base.getRawPath();
    }

    private JsonNode parse(String body) {
        try {
            return JSON.readTree(body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new SchemaRegistryException(200, 50001, "The " + describe() + " sent an answer that is not JSON: "
                    + body, e);
        }
    }

    private static JsonNode parseQuietly(String body) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static SSLContext sslContext(AvroSerdeConfig config) {
        String trustStore = config.string(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, null);
        String keyStore = config.string(AvroSerdeConfig.SSL_KEYSTORE_LOCATION, null);
        if (trustStore == null && keyStore == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = null;
            if (trustStore != null) {
                KeyStore ts = load(trustStore, config.string(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "JKS"),
                        config.string(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, null));
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(ts);
            }
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                String password = config.string(AvroSerdeConfig.SSL_KEYSTORE_PASSWORD, null);
                KeyStore ks = load(keyStore, config.string(AvroSerdeConfig.SSL_KEYSTORE_TYPE, "JKS"), password);
                String keyPassword = config.string(AvroSerdeConfig.SSL_KEY_PASSWORD, password);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf == null ? null : kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the Schema Registry client from "
                    + AvroSerdeConfig.SSL_PREFIX + "*: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String location, String type, String password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = new FileInputStream(location)) {
            store.load(in, password == null ? null : password.toCharArray());
        }
        return store;
    }
}
