package be.petition.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading and summing the gateways' metrics over HTTP, and the gateways that cannot be read. */
class GatewayFunnelReaderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void sumsTheFunnelOfEveryGateway() throws IOException {
        try (FakeGateway one = new FakeGateway(FakeGateway.metrics(100, 10, 80, 5, 2, 1));
                FakeGateway two = new FakeGateway(FakeGateway.metrics(50, 0, 20, 1, 0, 3))) {
            ConfirmationFunnel funnel = new GatewayFunnelReader(List.of(one.url(), two.url()), TIMEOUT).read();

            assertThat(funnel.configured()).isTrue();
            assertThat(funnel.hasFigures()).isTrue();
            assertThat(funnel.read()).containsExactly(one.url(), two.url());
            assertThat(funnel.unreadable()).isEmpty();
            assertThat(funnel.counts()).isEqualTo(new ConfirmationFunnel.Counts(160, 100, 6, 2, 4));
        }
    }

    @Test
    void aGatewayThatCannotBeReadIsNamedAndLeftOutOfTheSums() throws IOException {
        String closed = FakeGateway.closedUrl();
        try (FakeGateway up = new FakeGateway(FakeGateway.metrics(100, 0, 60, 0, 0, 0));
                FakeGateway failing = new FakeGateway("");
                FakeGateway garbage = new FakeGateway("petition_gateway_mails_total{outcome=\"failed\"} lots\n")) {
            failing.failWith = 503;
            ConfirmationFunnel funnel = new GatewayFunnelReader(
                    List.of(closed, up.url(), failing.url(), garbage.url()), TIMEOUT).read();

            assertThat(funnel.read()).containsExactly(up.url());
            assertThat(funnel.counts()).isEqualTo(new ConfirmationFunnel.Counts(100, 60, 0, 0, 0));
            assertThat(funnel.unreadable()).extracting(ConfirmationFunnel.Unreadable::url)
                    .containsExactly(closed, failing.url(), garbage.url());
            assertThat(funnel.unreadable().get(0).reason()).contains("ConnectException");
            assertThat(funnel.unreadable().get(1).reason()).isEqualTo("HTTP 503");
            assertThat(funnel.unreadable().get(2).reason()).contains("line 1", "'lots' is not a number");
        }
    }

    @Test
    void noGatewayReadMeansNoFiguresAndNoGatewayNamedMeansNotConfigured() throws IOException {
        ConfirmationFunnel none = new GatewayFunnelReader(List.of(FakeGateway.closedUrl()), TIMEOUT).read();
        assertThat(none.configured()).isTrue();
        assertThat(none.hasFigures()).isFalse();
        assertThat(none.unreadable()).hasSize(1);

        assertThat(new GatewayFunnelReader(List.of(), TIMEOUT).read()).isSameAs(ConfirmationFunnel.NOT_CONFIGURED);
    }
}
