package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;

import be.petition.avro.CallStatus;
import be.petition.counting.UncountableReason;
import be.petition.geography.Regions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TextsTest {
    private static final LocalDate DAY = LocalDate.of(2023, 11, 18);

    @Test
    void numbersFollowBelgianConventionsPerLanguage() {
        assertThat(Texts.of("fr").number(37274)).isEqualTo("37\u00a0274");
        assertThat(Texts.of("nl").number(37274)).isEqualTo("37.274");
        assertThat(Texts.of("de").number(1234567)).isEqualTo("1.234.567");
        assertThat(Texts.of("en").number(37274)).isEqualTo("37,274");
        assertThat(Texts.of("fr").percent(12.5)).isEqualTo("+12,5\u00a0%");
        assertThat(Texts.of("nl").percent(-3.25)).isEqualTo("\u22123,3%");
        assertThat(Texts.of("nl").signed(-56)).isEqualTo("\u221256");
    }

    @Test
    void datesAreWrittenOutInTheLanguage() {
        assertThat(Texts.of("fr").date(DAY)).isEqualTo("18 novembre 2023");
        assertThat(Texts.of("nl").date(DAY)).isEqualTo("18 november 2023");
        assertThat(Texts.of("de").date(DAY)).isEqualTo("18. November 2023");
        assertThat(Texts.of("en").date(DAY)).isEqualTo("18 November 2023");
        assertThat(Texts.of("fr").weekday(DAY)).isEqualTo("samedi");
    }

    @Test
    void everyLanguageCarriesTheHelpLinesOfItsCommunity() {
        assertThat(Texts.of("fr").helpLines()).anyMatch(l -> l.contains("116 000"))
                .anyMatch(l -> l.contains("0800 32 123"));
        assertThat(Texts.of("nl").helpLines()).anyMatch(l -> l.contains("116 000")).anyMatch(l -> l.contains("1813"));
        for (String language : ReportSettings.SUPPORTED_LANGUAGES) {
            assertThat(Texts.of(language).helpLines()).as(language).anyMatch(l -> l.contains("Child Focus"));
            for (String area : Regions.BELGIAN_AREAS) {
                assertThat(Texts.of(language).area(area)).isNotBlank();
            }
        }
    }

    /** Every key but the help lines, whose number differs by language on purpose (help.count says how many). */
    @Test
    void everyLanguageHasEveryKeyAndNoOther() throws IOException {
        Set<String> english = keys("en");
        assertThat(english).contains("funnel.title", "funnel.note", "funnel.none", "funnel.unreachable");
        for (String language : ReportSettings.SUPPORTED_LANGUAGES) {
            assertThat(keys(language)).as(language).isEqualTo(english);
            Texts texts = Texts.of(language);
            for (String key : english) {
                assertThat(texts.t(key)).as(language + " " + key).isNotBlank();
            }
        }
    }

    private static Set<String> keys(String language) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = TextsTest.class.getResourceAsStream("/report/messages_" + language + ".properties");
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Set<String> keys = new TreeSet<>(properties.stringPropertyNames());
        keys.removeIf(key -> key.matches("help\\.[0-9]+"));
        return keys;
    }

    @Test
    void chartDatesCarryTheirYear() {
        assertThat(Texts.of("fr").shortDate(DAY)).isEqualTo("18/11/2023");
        assertThat(Texts.of("nl").shortDate(DAY)).isEqualTo("18/11/2023");
        assertThat(Texts.of("de").shortDate(DAY)).isEqualTo("18.11.2023");
    }

    @Test
    void everyReasonForNotCountingHasWordsInEveryLanguageAndANewOneIsShownAsItIs() {
        List<String> records = List.of("corrupt-record", "unknown-schema", "incompatible-schema", "missing-value",
                "missing-field", "field-too-long", "key-mismatch", "unknown-campaign", "unknown-region", "future-event-time");
        for (String language : ReportSettings.SUPPORTED_LANGUAGES) {
            Texts texts = Texts.of(language);
            for (String code : records) {
                assertThat(texts.reason("record", code)).as(language + " " + code).doesNotContain(code);
            }
            for (CallStatus status : CallStatus.values()) {
                String code = UncountableReason.status(status);
                assertThat(texts.reason("call", code)).as(language + " " + code).doesNotContain(code);
            }
            assertThat(texts.reason("call", UncountableReason.WITHHELD)).doesNotContain("WITHHELD");
            for (String kind : List.of("REDELIVERED", "REPEAT_SIGNER")) {
                assertThat(texts.reason("duplicate", kind)).as(language + " " + kind).doesNotContain(kind);
            }
        }
        assertThat(Texts.of("en").reason("record", "too-late")).isEqualTo("Record rejected (too-late)");
        assertThat(Texts.of("fr").reason("call", "STATUS_NEW")).isEqualTo("Appel non compté (STATUS_NEW)");
    }
}
