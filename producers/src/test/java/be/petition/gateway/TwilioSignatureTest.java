package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioSignatureTest {
    /** Twilio's published example (TwilioDevEd/api-snippets, security/signature_validation). */
    private static final String URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static Map<String, List<String>> params() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("To", List.of("+18005551212"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("Caller", List.of("+14158675310"));
        params.put("Digits", List.of("1234"));
        params.put("From", List.of("+14158675310"));
        return params;
    }

    @Test
    void matchesTwilioPublishedExample() {
        TwilioSignature signature = new TwilioSignature("12345");
        assertThat(signature.sign(URL, params())).isEqualTo("GvWf1cFY/Q7PnoempGyD5oXAezc=");
        assertThat(signature.verify(URL, params(), "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isTrue();
    }

    @Test
    void refusesAnotherTokenUrlOrParameter() {
        assertThat(new TwilioSignature("54321").verify(URL, params(), "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isFalse();
        assertThat(new TwilioSignature("12345").verify(URL + "&x=1", params(), "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isFalse();
        Map<String, List<String>> changed = params();
        changed.put("Digits", List.of("1235"));
        assertThat(new TwilioSignature("12345").verify(URL, changed, "GvWf1cFY/Q7PnoempGyD5oXAezc=")).isFalse();
    }
}
