package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
    private static final Set<String> WANTED = Set.of(ConfirmationFunnel.CONFIRMATIONS, ConfirmationFunnel.MAILS);

    @Test
    void readsTheWantedSamplesWithTheirLabelsInAnyOrderAndSkipsCommentsAndOtherMetrics() {
        String text = """
                # HELP petition_gateway_confirmations_total Double opt-in by stage
                # TYPE petition_gateway_confirmations_total counter
                petition_gateway_confirmations_total{kind="signature",stage="pending"} 12.0
                petition_gateway_confirmations_total{stage="confirmed", kind="withdrawal",} 3
                petition_gateway_confirmations_total_extra{stage="pending"} 1000
                petition_gateway_confirmations_created{kind="signature",stage="pending"} 1.7e9
                jvm_threads{state="weird \\" } value"} 7

                # TYPE petition_gateway_mails_total counter
                petition_gateway_mails_total{outcome="failed"} 2 1700000000000
                """;

        List<PrometheusText.Sample> samples = PrometheusText.parse(text, WANTED);

        assertThat(samples).containsExactly(
                new PrometheusText.Sample(ConfirmationFunnel.CONFIRMATIONS,
                        Map.of("kind", "signature", "stage", "pending"), 12),
                new PrometheusText.Sample(ConfirmationFunnel.CONFIRMATIONS,
                        Map.of("stage", "confirmed", "kind", "withdrawal"), 3),
                new PrometheusText.Sample(ConfirmationFunnel.MAILS, Map.of("outcome", "failed"), 2));
    }

    @Test
    void unescapesQuotesBackslashesAndNewlinesInLabelValues() {
        String text = "petition_gateway_mails_total{outcome=\"say \\\"hi\\\", a\\\\b\\nc\"} 1\r\n";

        assertThat(PrometheusText.parse(text, WANTED)).singleElement()
                .satisfies(s -> assertThat(s.label("outcome")).isEqualTo("say \"hi\", a\\b\nc"));
    }

    @Test
    void skipsValuesThatAreNoCount() {
        String text = """
                petition_gateway_mails_total{outcome="sent"} NaN
                petition_gateway_mails_total{outcome="retried"} +Inf
                petition_gateway_mails_total{outcome="failed"} -Inf
                petition_gateway_mails_total 4e0
                """;

        assertThat(PrometheusText.parse(text, WANTED)).singleElement()
                .isEqualTo(new PrometheusText.Sample(ConfirmationFunnel.MAILS, Map.of(), 4));
    }

    @Test
    void aWantedLineThatIsNotInTheFormatIsAnErrorThatSaysWhichLine() {
        for (String bad : List.of(
                "petition_gateway_mails_total{outcome=\"failed\"} many",
                "petition_gateway_mails_total{outcome=\"failed} 1",
                "petition_gateway_mails_total{outcome=failed} 1",
                "petition_gateway_mails_total{outcome=\"a\" outcome2=\"b\"} 1",
                "petition_gateway_mails_total{outcome=\"a\",outcome=\"b\"} 1",
                "petition_gateway_mails_total{outcome=\"\\t\"} 1",
                "petition_gateway_mails_total{outcome=\"failed\"}",
                "petition_gateway_mails_total{outcome=\"failed\"}1",
                "petition_gateway_mails_total 1 2 3",
                "petition_gateway_mails_total 1 soon")) {
            assertThatThrownBy(() -> PrometheusText.parse("# HELP x\n" + bad + "\n", WANTED)).as(bad)
                    .isInstanceOf(PrometheusText.FormatException.class).hasMessageStartingWith("line 2: ");
        }
        assertThat(PrometheusText.parse("other_metric{broken 1\n", WANTED)).isEmpty();
    }

    @Test
    void countsAreSummedOverKindsPerStageAndOnlyFailedMailsCount() {
        String text = """
                petition_gateway_confirmations_total{kind="signature",stage="pending"} 10
                petition_gateway_confirmations_total{kind="withdrawal",stage="pending"} 2
                petition_gateway_confirmations_total{kind="signature",stage="confirmed"} 6
                petition_gateway_confirmations_total{kind="signature",stage="expired"} 1
                petition_gateway_confirmations_total{kind="unknown",stage="invalid"} 3
                petition_gateway_confirmations_total{kind="signature",stage="someday"} 99
                petition_gateway_mails_total{outcome="sent"} 11
                petition_gateway_mails_total{outcome="retried"} 5
                petition_gateway_mails_total{outcome="failed"} 1
                """;

        ConfirmationFunnel.Counts counts = ConfirmationFunnel.Counts.of(PrometheusText.parse(text, WANTED));

        assertThat(counts).isEqualTo(new ConfirmationFunnel.Counts(12, 6, 1, 3, 1));
        assertThat(counts.confirmedPercent()).isEqualTo(50.0);
        assertThat(ConfirmationFunnel.Counts.ZERO.confirmedPercent()).isNull();
    }
}
