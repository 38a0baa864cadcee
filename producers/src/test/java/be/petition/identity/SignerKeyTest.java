package be.petition.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.config.ServiceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignerKeyTest {
    private static final String PEPPER = "a-test-pepper-that-is-long-enough";

    @Test
    void isStableAcrossNotationsAndInstances() {
        String key = new SignerKey(PEPPER).of(Identity.phone("0470 12 34 56"));
        assertThat(new SignerKey(PEPPER).of(Identity.phone("+32 470 12 34 56"))).isEqualTo(key);
        assertThat(new SignerKey(PEPPER).of(Identity.phone("0032470123456"))).isEqualTo(key);
        assertThat(key).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, base64url without padding
    }

    @Test
    void isTheHmacOfTheCanonicalIdentity() throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(PEPPER.getBytes(), "HmacSHA256"));
        String expected = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(mac.doFinal("mailto:jan@mail.be".getBytes()));
        assertThat(new SignerKey(PEPPER).of(Identity.email(" Jan+glenn@Mail.be"))).isEqualTo(expected);
    }

    @Test
    void dependsOnThePepperAndTheIdentity() {
        SignerKey one = new SignerKey(PEPPER);
        SignerKey other = new SignerKey(PEPPER + "-other");
        Identity phone = Identity.phone("+32470123456");
        assertThat(one.of(phone)).isNotEqualTo(other.of(phone));
        assertThat(one.of(phone)).isNotEqualTo(one.of(Identity.phone("+32470123457")));
        assertThat(one.of(Identity.email("jan@mail.be"))).isNotEqualTo(one.of(Identity.appInstall("jan@mail.be".replace('@', '.'))));
    }

    @Test
    void readsThePepperFromAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("pepper");
        Files.writeString(file, PEPPER + "\n");
        SignerKey fromFile = SignerKey.fromConfig(ServiceConfig.of(Map.of("pepper.file", file.toString())));
        assertThat(fromFile.of(Identity.phone("+32470123456"))).isEqualTo(new SignerKey(PEPPER).of(Identity.phone("+32470123456")));
    }

    @Test
    void refusesToStartWithoutAPepperAndSaysHowToSetOne() {
        assertThatThrownBy(() -> SignerKey.fromConfig(ServiceConfig.of(Map.of())))
                .hasMessageContaining("PETITION_PEPPER").hasMessageContaining("PETITION_PEPPER_FILE");
        assertThatThrownBy(() -> new SignerKey("short")).hasMessageContaining("shorter than");
    }
}
