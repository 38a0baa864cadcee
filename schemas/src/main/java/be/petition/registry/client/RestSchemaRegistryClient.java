package be.petition.registry.client;

import be.petition.serde.AvroSerdeConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Client of the Confluent Schema Registry REST API (also Apicurio's ccompat API, Karapace, Redpanda).
 * Caches ids and schemas, retries 5xx answers and connection failures with exponential backoff, fails over
 * between comma-separated URLs, and supports basic auth and TLS with Confluent's configuration keys.
 * Error messages name the registry's address but never its credentials.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final String ACCEPT = CONTENT_TYPE + ", application/vnd.schemaregistry+json; qs=0.9, "
            + "application/json; qs=0.5";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(RestSchemaRegistryClient.class);
    private static final int MAX_ERROR_TEXT = 300;

    private final List<Endpoint> endpoints;
    private final HttpClient http;
    private final Duration readTimeout;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;
    // After a failover, later requests start with the URL that answered last.
    private volatile int preferred;

    private final Map<Integer, Schema> schemaById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    /** One registry URL without credentials (requests and messages use it) and how to log in there. */
    private record Endpoint(String base, String authorization) {
    }

    public RestSchemaRegistryClient(AvroSerdeConfig config) {
        String userInfo = config.basicAuthUserInfo();
        List<Endpoint> list = new ArrayList<>();
        for (String url : config.registryUrls()) {
            list.add(endpoint(url, userInfo));
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(AvroSerdeConfig.SCHEMA_REGISTRY_URL
                    + " names no URL: set it to the Schema Registry's address, e.g. http://localhost:8081");
        }
        this.endpoints = List.copyOf(list);
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(Math.max(1, config.connectTimeoutMs())))
                .followRedirects(HttpClient.Redirect.NORMAL);
        SSLContext ssl = sslContext(config);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
        this.readTimeout = Duration.ofMillis(Math.max(1, config.readTimeoutMs()));
        this.maxRetries = Math.max(0, config.maxRetries());
        this.retryWaitMs = Math.max(1, config.retriesWaitMs());
        this.retryMaxWaitMs = Math.max(retryWaitMs, config.retriesMaxWaitMs());
    }

    private static Endpoint endpoint(String url, String configuredUserInfo) {
        URI uri;
        try {
            uri = new URI(url.trim().replaceAll("/+$", ""));
        } catch (URISyntaxException e) {
            // URISyntaxException's message repeats the input, which may hold a password
            throw new IllegalArgumentException("Schema Registry URL \"" + redact(url) + "\" is not a valid URL: "
                    + e.getReason() + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("Schema Registry URL \"" + redact(url)
                    + "\" must be http://host:port or https://host:port");
        }
        String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String base = scheme.toLowerCase(java.util.Locale.ROOT) + "://" + hostPort + path;
        String userInfo = configuredUserInfo != null ? configuredUserInfo : uri.getUserInfo();
        String authorization = userInfo == null || userInfo.isEmpty() ? null
                : "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
        return new Endpoint(base, authorization);
    }

    /** The URL without its user info, for messages. */
    private static String redact(String url) {
        return url.trim().replaceAll("(?<=://)[^/@]*@", "***@");
    }

    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = requireId(answer, "POST /subjects/" + subject + "/versions");
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
        int id = requireId(answer, "POST /subjects/" + subject);
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
        JsonNode answer;
        try {
            answer = send("GET", "/schemas/ids/" + id, null);
        } catch (RegistryClientException e) {
            if (e.errorCode() == RegistryClientException.SCHEMA_NOT_FOUND || e.httpStatus() == 404) {
                throw new RegistryClientException(e.httpStatus(), RegistryClientException.SCHEMA_NOT_FOUND,
                        "Unknown schema id " + id + ": the " + describe() + " has no schema with this id ("
                                + e.getMessage() + "). Was the record written against another registry?", e);
            }
            throw e;
        }
        Schema schema = parseSchema(answer, "schema id " + id);
        schemaById.put(id, schema);
        return schema;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = parseSchema(answer, "the latest version of subject \"" + subject + "\"");
        int id = requireId(answer, "GET /subjects/" + subject + "/versions/latest");
        schemaById.putIfAbsent(id, schema);
        return new RegisteredSchema(subject, answer.path("version").asInt(), id, schema);
    }

    @Override
    public boolean isCompatible(String subject, Schema schema) {
        try {
            JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest",
                    schemaBody(schema));
            return answer.path("is_compatible").asBoolean(false);
        } catch (RegistryClientException e) {
            if (e.errorCode() == RegistryClientException.SUBJECT_NOT_FOUND
                    || e.errorCode() == RegistryClientException.VERSION_NOT_FOUND) {
                return true;
            }
            throw e;
        }
    }

    @Override
    public void ping() {
        send("GET", "/config", null, 0);
    }

    @Override
    public String describe() {
        StringBuilder text = new StringBuilder("Schema Registry at ");
        for (int i = 0; i < endpoints.size(); i++) {
            text.append(i == 0 ? "" : ", ").append(endpoints.get(i).base());
        }
        return text.toString();
    }

    private static String schemaBody(Schema schema) {
        // No schemaType: AVRO is the default, and older registries reject the field.
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private int requireId(JsonNode answer, String request) {
        JsonNode id = answer.path("id");
        if (!id.canConvertToInt() || !id.isNumber()) {
            throw new RegistryClientException(200, RegistryClientException.INVALID_SCHEMA, "The " + describe()
                    + " answered " + request + " without a schema id: " + shorten(answer.toString()));
        }
        return id.asInt();
    }

    private Schema parseSchema(JsonNode answer, String what) {
        String type = answer.path("schemaType").asText("AVRO");
        if (!type.equals("AVRO")) {
            throw new RegistryClientException(200, RegistryClientException.INVALID_SCHEMA, "The schema of " + what
                    + " in the " + describe() + " is a " + type + " schema, not Avro");
        }
        try {
            return new Schema.Parser().parse(answer.path("schema").asText());
        } catch (SchemaParseException e) {
            throw new RegistryClientException(200, RegistryClientException.INVALID_SCHEMA, "The schema of " + what
                    + " in the " + describe() + " is not a valid Avro schema: " + e.getMessage(), e);
        }
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Sends one request, retrying 5xx and connection failures with backoff, trying each URL in turn. */
    private JsonNode send(String method, String path, String body) {
        return send(method, path, body, maxRetries);
    }

    private JsonNode send(String method, String path, String body, int retries) {
        IOException lastFailure = null;
        String lastFailedUrl = null;
        int lastStatus = 0;
        int lastCode = 0;
        String lastMessage = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                long wait = Math.min(retryMaxWaitMs, retryWaitMs << Math.min(attempt - 1, 20));
                LOG.warn("{} {} on the {} failed ({}); retry {} of {} in {} ms", method, path, describe(),
                        lastStatus == 0 && lastFailure != null ? lastFailure.getClass().getSimpleName()
                                : "HTTP " + lastStatus, attempt, retries, wait);
                sleep(wait);
            }
            int first = preferred;
            for (int i = 0; i < endpoints.size(); i++) {
                int index = (first + i) % endpoints.size();
                Endpoint endpoint = endpoints.get(index);
                HttpResponse<String> response;
                try {
                    response = http.send(request(endpoint, method, path, body), HttpResponse.BodyHandlers.ofString());
                } catch (SSLHandshakeException e) {
                    // An untrusted certificate or host name does not heal by retrying.
                    throw new RegistryClientException(-1, RegistryClientException.UNREACHABLE, "TLS handshake with "
                            + endpoint.base() + " failed: " + e.getMessage() + ". Check "
                            + AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION + " (and its password and type), and that the"
                            + " certificate names this host (or set " + AvroSerdeConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM
                            + " empty to skip that check).", e);
                } catch (IOException e) {
                    lastFailure = e;
                    lastFailedUrl = endpoint.base();
                    lastStatus = 0;
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RegistryClientException(-1, RegistryClientException.UNREACHABLE,
                            "Interrupted while calling the " + describe(), e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    preferred = index;
                    return parse(response.body(), method, path);
                }
                JsonNode error = parseQuietly(response.body());
                int code = error.path("error_code").asInt(status);
                String message = error.hasNonNull("message") ? error.path("message").asText()
                        : shorten(response.body());
                if (status >= 500 || status == 429) {
                    lastStatus = status;
                    lastCode = code;
                    lastMessage = message;
                    continue;
                }
                preferred = index;
                throw clientError(status, code, message, method, path);
            }
        }
        int attempts = retries + 1;
        if (lastStatus == 0 && lastFailure != null) {
            String cause = lastFailure.getClass().getSimpleName()
                    + (lastFailure.getMessage() == null ? "" : ": " + lastFailure.getMessage());
            throw new RegistryClientException(-1, RegistryClientException.UNREACHABLE, "The " + describe()
                    + " is unreachable: " + method + " " + path + " failed " + attempts + " time(s), last at "
                    + lastFailedUrl + " (" + cause + "). Is the registry running, and is "
                    + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " right?", lastFailure);
        }
        throw new RegistryClientException(lastStatus, lastCode, "The " + describe() + " failed " + method + " "
                + path + " with HTTP " + lastStatus + " (error " + lastCode + ") " + attempts + " time(s): "
                + lastMessage);
    }

    private HttpRequest request(Endpoint endpoint, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.base() + path))
                .timeout(readTimeout)
                .header("Accept", ACCEPT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (endpoint.authorization() != null) {
            request.header("Authorization", endpoint.authorization());
        }
        return request.build();
    }

    private RegistryClientException clientError(int status, int code, String message, String method, String path) {
        String text;
        if (status == 401 || status == 403) {
            text = "The " + describe() + " refused the credentials (HTTP " + status + "): " + message + ". Check "
                    + AvroSerdeConfig.BASIC_AUTH_USER_INFO + " (user:password) and "
                    + AvroSerdeConfig.BASIC_AUTH_CREDENTIALS_SOURCE + ".";
        } else if (code == RegistryClientException.INCOMPATIBLE_SCHEMA || status == 409) {
            text = "Schema is incompatible with an earlier version registered in the " + describe() + ": " + message;
        } else if (code == RegistryClientException.INVALID_SCHEMA) {
            text = "The " + describe() + " rejected the schema as invalid: " + message;
        } else if (status == 404 && code == 404) {
            // A 404 without a registry error code: most likely no registry at this path.
            text = "The " + describe() + " answered " + method + " " + path + " with HTTP 404 (" + message
                    + "). Does " + AvroSerdeConfig.SCHEMA_REGISTRY_URL + " point at a Schema Registry?";
        } else {
            text = "The " + describe() + " answered " + method + " " + path + " with error " + code + ": " + message;
        }
        return new RegistryClientException(status, code, text);
    }

    private void sleep(long wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryClientException(-1, RegistryClientException.UNREACHABLE,
                    "Interrupted while waiting to retry the " + describe(), e);
        }
    }

    private JsonNode parse(String body, String method, String path) {
        try {
            return JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
        } catch (IOException e) {
            throw new RegistryClientException(200, 50001, "The " + describe() + " answered " + method + " " + path
                    + " with something that is not JSON: " + shorten(body), e);
        }
    }

    private static JsonNode parseQuietly(String body) {
        try {
            JsonNode node = JSON.readTree(body == null || body.isEmpty() ? "{}" : body);
            return node == null || !node.isObject() ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() <= MAX_ERROR_TEXT ? flat : flat.substring(0, MAX_ERROR_TEXT) + "...";
    }

    private static SSLContext sslContext(AvroSerdeConfig config) {
        String trustStore = config.string(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, null);
        String keyStore = config.string(AvroSerdeConfig.SSL_KEYSTORE_LOCATION, null);
        String identification = config.string(AvroSerdeConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, "https");
        boolean checkHostName = !identification.isBlank();
        if (trustStore == null && keyStore == null && checkHostName) {
            return null;
        }
        try {
            TrustManager[] trustManagers = null;
            if (trustStore != null || !checkHostName) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trustStore == null ? null : load(trustStore,
                        config.string(AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "JKS"),
                        config.string(AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, null)));
                trustManagers = tmf.getTrustManagers();
                if (!checkHostName) {
                    trustManagers = withoutHostNameCheck(trustManagers);
                }
            }
            KeyManagerFactory kmf = null;
            if (keyStore != null) {
                String password = config.string(AvroSerdeConfig.SSL_KEYSTORE_PASSWORD, null);
                KeyStore ks = load(keyStore, config.string(AvroSerdeConfig.SSL_KEYSTORE_TYPE, "JKS"), password);
                String keyPassword = config.string(AvroSerdeConfig.SSL_KEY_PASSWORD, password);
                kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(ks, keyPassword == null ? null : keyPassword.toCharArray());
            }
            SSLContext context = SSLContext.getInstance(config.string(AvroSerdeConfig.SSL_PROTOCOL, "TLS"));
            context.init(kmf == null ? null : kmf.getKeyManagers(), trustManagers, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("Cannot set up TLS for the Schema Registry client from "
                    + AvroSerdeConfig.SSL_PREFIX + "*: " + e.getMessage()
                    + ". Check the store locations, types (JKS or PKCS12) and passwords.", e);
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

    /**
     * The JDK's HTTP client checks the host name inside the trust manager's engine-aware calls; delegating to
     * the plain calls keeps the certificate chain check and drops only the host name check.
     */
    private static TrustManager[] withoutHostNameCheck(TrustManager[] managers) {
        TrustManager[] wrapped = managers.clone();
        for (int i = 0; i < wrapped.length; i++) {
            if (wrapped[i] instanceof X509TrustManager trust) {
                wrapped[i] = new X509ExtendedTrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                            throws CertificateException {
                        trust.checkClientTrusted(chain, authType);
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                            throws CertificateException {
                        trust.checkServerTrusted(chain, authType);
                    }

                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                            throws CertificateException {
                        trust.checkClientTrusted(chain, authType);
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                            throws CertificateException {
                        trust.checkServerTrusted(chain, authType);
                    }

                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType)
                            throws CertificateException {
                        trust.checkClientTrusted(chain, authType);
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType)
                            throws CertificateException {
                        trust.checkServerTrusted(chain, authType);
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return trust.getAcceptedIssuers();
                    }
                };
            }
        }
        return wrapped;
    }
}
