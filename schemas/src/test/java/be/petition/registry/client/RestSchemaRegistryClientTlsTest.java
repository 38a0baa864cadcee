package be.petition.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.Signature;
import be.petition.serde.AvroSerdeConfig;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client against an HTTPS registry whose certificate it trusts only through schema.registry.ssl.*. */
class RestSchemaRegistryClientTlsTest {
    private static final String PASSWORD = "test-store-pw";

    @TempDir
    static Path dir;
    private static Path store;
    private static HttpsServer server;

    @BeforeAll
    static void startHttpsRegistry() throws Exception {
        // The certificate names only registry.invalid, so connecting to 127.0.0.1 fails the host name check.
        store = dir.resolve("registry.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "registry",
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=registry.invalid",
                "-ext", "SAN=dns:registry.invalid", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"id\":42}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static RestSchemaRegistryClient client(String... settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", "https://127.0.0.1:" + server.getAddress().getPort());
        config.put("retries.wait.ms", "1");
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return new RestSchemaRegistryClient(new AvroSerdeConfig(config));
    }

    private static List<String> trustStore() {
        return List.of(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, store.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, PASSWORD,
                AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12");
    }

    @Test
    void anUntrustedCertificateIsATlsErrorNotRetried() {
        assertThatThrownBy(() -> client().register("s-value", Signature.getClassSchema()))
                .isInstanceOf(RegistryClientException.class)
                .hasMessageContaining("TLS handshake with https://127.0.0.1:")
                .hasMessageContaining("schema.registry.ssl.truststore.location");
    }

    @Test
    void aTrustedCertificateForAnotherHostFailsTheHostNameCheck() {
        assertThatThrownBy(() -> client(trustStore().toArray(String[]::new))
                .register("s-value", Signature.getClassSchema()))
                .isInstanceOf(RegistryClientException.class)
                .hasMessageContaining("TLS handshake")
                .hasMessageContaining("No subject alternative names matching IP address 127.0.0.1");
    }

    @Test
    void anEmptyEndpointIdentificationAlgorithmSkipsOnlyTheHostNameCheck() {
        List<String> settings = new java.util.ArrayList<>(trustStore());
        settings.addAll(List.of(AvroSerdeConfig.SSL_ENDPOINT_IDENTIFICATION_ALGORITHM, ""));

        int id = client(settings.toArray(String[]::new)).register("s-value", Signature.getClassSchema());

        assertThat(id).isEqualTo(42);
    }

    @Test
    void aWrongTrustStorePasswordIsAClearError() {
        assertThatThrownBy(() -> client(AvroSerdeConfig.SSL_TRUSTSTORE_LOCATION, store.toString(),
                AvroSerdeConfig.SSL_TRUSTSTORE_PASSWORD, "wrong", AvroSerdeConfig.SSL_TRUSTSTORE_TYPE, "PKCS12"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot set up TLS for the Schema Registry client");
    }
}
