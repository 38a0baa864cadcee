package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.config.ServiceConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallMenuTest {
    private static CallMenu menu(Map<String, String> settings) {
        return CallMenu.fromConfig(ServiceConfig.of(settings));
    }

    @Test
    void theNumberDialledSaysTheLanguageWrittenAsTheProviderWritesIt() {
        CallMenu menu = menu(Map.of("telephony.languages", "078 15 15 15=nl, +32 78 15 15 16=FR"));
        assertThat(menu.voicesFor("+3278151515")).containsExactly(CallMenu.Voice.NL);
        assertThat(menu.voicesFor("+3278151516")).containsExactly(CallMenu.Voice.FR);
        assertThat(menu.voicesFor("+3278151599")).as("not listed, no default: both")
                .containsExactly(CallMenu.Voice.NL, CallMenu.Voice.FR);
        assertThat(menu.voicesFor(null)).containsExactly(CallMenu.Voice.NL, CallMenu.Voice.FR);
        assertThat(menu.voicesFor("client:browser")).containsExactly(CallMenu.Voice.NL, CallMenu.Voice.FR);
    }

    @Test
    void aDefaultLanguageSpeaksForNumbersNotListed() {
        CallMenu menu = menu(Map.of("telephony.languages", "+3278151515=nl", "telephony.default.language", "fr"));
        assertThat(menu.voicesFor("+3278151599")).containsExactly(CallMenu.Voice.FR);
        assertThat(menu.voicesFor("+3278151515")).containsExactly(CallMenu.Voice.NL);
    }

    @Test
    void theMenuOffersNineAndPostsToTheActionUrl() {
        String offer = menu(Map.of("telephony.default.language", "nl")).offer("https://sign.example.org/v1/telephony/menu?a=1&b=2", "+3278151515");
        assertThat(offer).isEqualTo("<Gather numDigits=\"1\" action=\"https://sign.example.org/v1/telephony/menu?a=1&amp;b=2\""
                + " method=\"POST\"><Say language=\"nl-BE\">Om uw handtekening in te trekken, druk op 9.</Say></Gather>");
        assertThat(menu(Map.of()).answer(null, voice -> voice.withdrawn)).contains(
                "<Say language=\"nl-BE\">Uw handtekening is ingetrokken. Bedankt.</Say>"
                        + "<Say language=\"fr-BE\">Votre signature a été retirée. Merci.</Say>");
    }

    @Test
    void badSettingsAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> menu(Map.of("telephony.languages", "+3278151515")))
                .hasMessageContaining("telephony.languages").hasMessageContaining("number=language");
        assertThatThrownBy(() -> menu(Map.of("telephony.languages", "12=nl")))
                .hasMessageContaining("telephony.languages").hasMessageContaining("\"12\"");
        assertThatThrownBy(() -> menu(Map.of("telephony.default.language", "de")))
                .hasMessageContaining("telephony.default.language").hasMessageContaining("nl or fr");
    }
}
