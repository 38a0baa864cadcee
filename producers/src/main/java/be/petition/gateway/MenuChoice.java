package be.petition.gateway;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;

/**
 * The call menu's answer ({@code POST /v1/telephony/menu}, signed like every webhook): 9 from a caller id withdraws
 * that number's signature, and the caller hears it only once Kafka has the withdrawal; any other digit, or a
 * withheld number, changes nothing and says so.
 */
final class MenuChoice {
    private final Intake intake;
    private final KafkaHandoff handoff;
    private final CallMenu menu;
    private final GatewayMetrics metrics;

    MenuChoice(Intake intake, KafkaHandoff handoff, CallMenu menu, GatewayMetrics metrics) {
        this.intake = intake;
        this.handoff = handoff;
        this.menu = menu;
        this.metrics = metrics;
    }

    void answer(Context ctx, Map<String, String> form) {
        String dialled = form.get("To");
        String digits = form.get("Digits");
        if (digits == null || !digits.trim().equals(CallMenu.WITHDRAW_DIGIT)) {
            metrics.callMenu.labelValues("other_digit").inc();
            TelephonyWebhook.twiml(ctx, menu.answer(dialled, voice -> voice.nothingChanged));
            return;
        }
        Prepared withdrawal = intake.menuWithdrawal(form);
        if (withdrawal == null) {
            metrics.callMenu.labelValues("no_caller_id").inc();
            TelephonyWebhook.twiml(ctx, menu.answer(dialled, voice -> voice.noCallerId));
            return;
        }
        handoff.publish(ctx, withdrawal, (c, prepared) -> {
            metrics.callMenu.labelValues("withdrawn").inc();
            // The provider ignores these; they tell other clients (the simulator) which record Kafka got, as a 202 does.
            c.header("X-Petition-Event-Id", prepared.eventId());
            c.header("X-Petition-Event-Time", KafkaHandoff.EVENT_TIME.format(Instant.ofEpochMilli(prepared.eventTime())));
            TelephonyWebhook.twiml(c, menu.answer(dialled, voice -> voice.withdrawn));
        });
    }
}
