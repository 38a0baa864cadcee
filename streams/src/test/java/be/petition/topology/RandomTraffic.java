package be.petition.topology;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.Channel;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.counting.UncountableReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded random stream of what the gateway sends: signatures on every channel at times that fall before and after
 * withdrawals, the same person on several channels, redeliveries (as they were, or with another time), withdrawals
 * (of signers, of nobody, again), calls that do not count and bad regions. Also feeds a {@link PetitionModel} with
 * the valid events.
 */
public final class RandomTraffic {
    private static final List<String> REGIONS = List.of("BE-VAN", "BE-VBR", "BE-WLG", "BE-BRU", "BE", "NL", "ZZ");
    /** Around both 2023 daylight-saving changes, so buckets cross them. */
    private static final List<Instant> PERIODS = List.of(Instant.parse("2023-03-25T20:00:00Z"),
            Instant.parse("2023-10-28T20:00:00Z"));

    /** One record to send: the topic's channel (null for withdrawals), its key and value. */
    public record Event(Channel channel, String key, SpecificRecord value) {
        public boolean isWithdrawal() {
            return channel == null;
        }
    }

    private final Random random;
    private final PetitionModel model;
    private final int signers;
    private final List<Event> sent = new ArrayList<>();
    private int ids;
    private int rejected;

    public RandomTraffic(long seed, int signers, PetitionModel model) {
        this.random = new Random(seed);
        this.signers = signers;
        this.model = model;
    }

    /** How many of the generated events are invalid (they must all reach the rejected topic). */
    public int rejected() {
        return rejected;
    }

    public Event next() {
        int dice = random.nextInt(100);
        Event event;
        if (dice < 12 && !sent.isEmpty()) {
            event = redelivery(sent.get(random.nextInt(sent.size())));
        } else if (dice < 24) {
            String key = signer();
            event = new Event(null, key, Events.withdrawal("wd-" + ids++, key, time()));
        } else if (dice < 30) {
            CallSignature call = Events.call("call-" + ids++, null, "ZZ", time());
            if (random.nextBoolean()) {
                call.setSignerKey(signer());
                call.setStatus(random.nextBoolean() ? CallStatus.BUSY : CallStatus.NO_ANSWER);
            }
            event = new Event(Channel.CALL, call.getSignerKey(), call);
        } else if (dice < 32) {
            String key = signer();
            rejected++;
            return new Event(Channel.WEB, key, Events.web("web-" + ids++, key, "BE-NOPE", time()));
        } else {
            event = signature(signer(), Channel.values()[1 + random.nextInt(3)]);
        }
        sent.add(event);
        apply(event);
        return event;
    }

    /** The same event id again: as it was, or retried by the gateway with a later (or earlier) time. */
    private Event redelivery(Event original) {
        if (random.nextBoolean()) {
            return original;
        }
        Instant at = eventTime(original.value()).plusSeconds(random.nextInt(4 * 3600) - 3600);
        SpecificRecord copy;
        if (original.value() instanceof Withdrawal withdrawal) {
            copy = Events.withdrawal(withdrawal.getEventId(), original.key(), at);
        } else if (original.value() instanceof CallSignature call) {
            CallSignature retried = Events.call(call.getEventId(), call.getSignerKey(), call.getRegion(), at);
            retried.setStatus(call.getStatus());
            copy = retried;
        } else if (original.value() instanceof WebSignature web) {
            copy = Events.web(web.getEventId(), original.key(), web.getRegion(), at);
        } else {
            AppSignature app = (AppSignature) original.value();
            copy = Events.app(app.getEventId(), original.key(), app.getRegion(), at);
        }
        return new Event(original.channel(), original.key(), copy);
    }

    private Event signature(String key, Channel channel) {
        String region = REGIONS.get(random.nextInt(REGIONS.size()));
        Instant at = time();
        return switch (channel) {
            case CALL -> new Event(channel, key, Events.call("call-" + ids++, key, region, at));
            case WEB -> new Event(channel, key, Events.web("web-" + ids++, key, region, at));
            default -> new Event(channel, key, Events.app("app-" + ids++, key, region, at));
        };
    }

    private void apply(Event event) {
        if (event.value() instanceof Withdrawal withdrawal) {
            model.withdraw(withdrawal.getCampaign(), withdrawal.getSignerKey(), withdrawal.getEventId(),
                    withdrawal.getEventTime());
        } else if (event.value() instanceof CallSignature call && call.getSignerKey() == null) {
            model.uncountableCall(call.getCampaign(), UncountableReason.WITHHELD);
        } else if (event.value() instanceof CallSignature call && call.getStatus() != CallStatus.COMPLETED) {
            model.uncountableCall(call.getCampaign(), "STATUS_" + call.getStatus());
        } else {
            SignatureFields fields = SignatureFields.of(event.value());
            model.sign(fields.campaign(), event.key(), fields.eventId(), event.channel(), fields.region(),
                    fields.eventTime());
        }
    }

    private static Instant eventTime(SpecificRecord value) {
        return (Instant) value.get(value.getSchema().getField("eventTime").pos());
    }

    private String signer() {
        return "signer-" + random.nextInt(signers);
    }

    private Instant time() {
        return PERIODS.get(random.nextInt(PERIODS.size())).plusSeconds(random.nextInt(36 * 3600));
    }

    private record SignatureFields(String campaign, String eventId, String region, Instant eventTime) {
        static SignatureFields of(SpecificRecord value) {
            if (value instanceof CallSignature call) {
                return new SignatureFields(call.getCampaign(), call.getEventId(), call.getRegion(), call.getEventTime());
            }
            if (value instanceof WebSignature web) {
                return new SignatureFields(web.getCampaign(), web.getEventId(), web.getRegion(), web.getEventTime());
            }
            AppSignature app = (AppSignature) value;
            return new SignatureFields(app.getCampaign(), app.getEventId(), app.getRegion(), app.getEventTime());
        }
    }
}
