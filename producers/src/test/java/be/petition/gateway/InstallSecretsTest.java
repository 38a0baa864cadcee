package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class InstallSecretsTest {
    private static final String KEY = "install-test-key-0123456789";
    private final InstallSecrets secrets = new InstallSecrets(KEY);

    @Test
    void theSecretIsBase64UrlOfHmacSha256OfTheInstallIdUnderTheServerKey() throws Exception {
        String installId = "6f1c1a9e-2b7d-4e0a-9c55-0c2b9f3f8a11";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal(installId.getBytes(StandardCharsets.UTF_8)));

        assertThat(secrets.secretOf(installId)).isEqualTo(expected).hasSize(43).matches("[A-Za-z0-9_-]+");
        assertThat(new InstallSecrets(KEY).secretOf(installId)).as("stateless: any gateway with the key agrees")
                .isEqualTo(expected);
    }

    @Test
    void aSecretFitsOnlyItsInstallAndItsKey() {
        String secret = secrets.secretOf("install-a-0123456789");
        assertThat(secrets.matches("install-a-0123456789", secret)).isTrue();
        assertThat(secrets.matches("install-b-0123456789", secret)).isFalse();
        assertThat(secrets.matches("install-a-0123456789", secret.substring(1))).isFalse();
        assertThat(new InstallSecrets("another-install-key-0123456789").matches("install-a-0123456789", secret))
                .isFalse();
    }

    @Test
    void theKeyComesFromTheSecretSettingsAndMustBeLongEnough() {
        ServiceConfig config = ServiceConfig.of(Map.of("app.install.key", KEY));
        assertThat(InstallSecrets.fromConfig(config).secretOf("x")).isEqualTo(secrets.secretOf("x"));
        assertThatThrownBy(() -> InstallSecrets.fromConfig(ServiceConfig.of(Map.of())))
                .hasMessageContaining("PETITION_APP_INSTALL_KEY");
        assertThatThrownBy(() -> new InstallSecrets("short"))
                .hasMessageContaining("PETITION_APP_INSTALL_KEY").hasMessageContaining("16");
    }
}
