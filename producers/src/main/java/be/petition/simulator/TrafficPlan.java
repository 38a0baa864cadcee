package be.petition.simulator;

import be.petition.avro.AppPlatform;
import be.petition.geography.Regions;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Decides what the next request is: a new signer on a channel (by the channel mix), the same person again,
 * a re-sent request, a withdrawal, an uncountable call or a malformed request, by the configured shares.
 * Duplicates and withdrawals concern people whose earlier request was acknowledged and who have nothing under
 * way, as people sign before they sign again or withdraw; the ground truth does not rely on it (it counts from
 * the set of acknowledged records, whatever their order).
 */
final class TrafficPlan {
    static final String WEB = "/v1/signatures/web";
    static final String APP = "/v1/signatures/app";
    static final String CALLS = "/v1/telephony/calls";
    static final String WITHDRAWALS = "/v1/withdrawals";
    static final String MENU = "/v1/telephony/menu";
    private static final int POOL_SIZE = 100_000;
    private static final List<String> WITHHELD = List.of("anonymous", "+266696687", "restricted", "+86282452253");
    private static final List<String> NOT_COUNTING = List.of("busy", "no-answer", "failed", "canceled", "ringing");

    private final Random random;
    private final SimulationSettings settings;
    private final Population population;
    private final List<Person> signers = new ArrayList<>();
    private long seq;

    TrafficPlan(SimulationSettings settings) {
        this.settings = settings;
        this.random = new Random(settings.seed());
        this.population = new Population(new Random(settings.seed() * 31 + 7), settings.mobileShare(),
                settings.foreignShare());
    }

    synchronized Planned next() {
        seq++;
        double u = random.nextDouble();
        double edge = settings.malformedShare();
        if (u < edge) {
            return malformed();
        }
        Planned planned = null;
        if (u < (edge += settings.withdrawalShare())) {
            planned = random.nextDouble() < 0.1 ? withdrawalWithoutSignature() : withdrawal();
        } else if (u < (edge += settings.resentShare())) {
            Person person = eligible(p -> true);
            planned = person == null ? null : resend(person);
        } else if (u < edge + settings.duplicateShare()) {
            planned = duplicate();
        }
        if (planned == null) {
            planned = fresh();
        }
        if (planned.person() != null) {
            planned.person().inFlight++;
        }
        return planned;
    }

    /** Called once the request is answered, after the ground truth saw it. */
    synchronized void completed(Planned planned, boolean accepted) {
        Person person = planned.person();
        if (person == null) {
            return;
        }
        person.inFlight--;
        if (!accepted) {
            return;
        }
        switch (planned.kind()) {
            // signing on another channel is a new identity: what the person's next requests follow
            case SIGNATURE, OTHER_CHANNEL -> {
                person.signedAs = planned.identity();
                person.firstRequest = planned;
                if (signers.size() < POOL_SIZE) {
                    signers.add(person);
                } else {
                    signers.set(random.nextInt(POOL_SIZE), person);
                }
            }
            case WITHDRAWAL -> person.withdrawn = true;
            default -> {
            }
        }
    }

    private Person eligible(java.util.function.Predicate<Person> condition) {
        for (int attempt = 0; attempt < 8 && !signers.isEmpty(); attempt++) {
            Person person = signers.get(random.nextInt(signers.size()));
            if (!person.withdrawn && person.inFlight == 0 && person.signedAs != null && condition.test(person)) {
                return person;
            }
        }
        return null;
    }

    private Planned fresh() {
        double u = random.nextDouble() * (settings.callShare() + settings.webShare() + settings.appShare());
        if (u < settings.callShare()) {
            double v = random.nextDouble();
            if (v < settings.withheldShare()) {
                return withheldCall();
            }
            if (v < settings.withheldShare() + settings.notCountingShare()) {
                Person person = population.caller();
                return call(Planned.Kind.NOT_COUNTING_CALL, person, NOT_COUNTING.get(random.nextInt(NOT_COUNTING.size())));
            }
            return call(Planned.Kind.SIGNATURE, population.caller(), random.nextDouble() < 0.85 ? "completed" : "in-progress");
        }
        Person person = population.resident();
        if (u < settings.callShare() + settings.webShare()) {
            return web(Planned.Kind.SIGNATURE, person, random.nextDouble() < 0.3);
        }
        return app(Planned.Kind.SIGNATURE, person, random.nextDouble() < 0.4, random.nextDouble() < 0.9);
    }

    private Planned duplicate() {
        if (random.nextBoolean()) {
            // Only a caller's identity is their number; online they are their address or install, whatever they type.
            Person person = eligible(p -> p.signedAs.startsWith("tel:"));
            if (person == null) {
                return null;
            }
            return person.postalCode != null && random.nextBoolean()
                    ? web(Planned.Kind.OTHER_CHANNEL, person, true)
                    : app(Planned.Kind.OTHER_CHANNEL, person, true, person.postalCode != null);
        }
        Person person = eligible(p -> true);
        if (person == null) {
            return null;
        }
        Planned first = person.firstRequest;
        return switch (first.channel()) {
            case "CALL" -> call(Planned.Kind.DUPLICATE_SAME_CHANNEL, person, "completed");
            case "WEB" -> web(Planned.Kind.DUPLICATE_SAME_CHANNEL, person, random.nextBoolean());
            default -> app(Planned.Kind.DUPLICATE_SAME_CHANNEL, person, random.nextBoolean(),
                    random.nextBoolean() && person.postalCode != null);
        };
    }

    private Planned resend(Person person) {
        Planned first = person.firstRequest;
        return new Planned(Planned.Kind.RESENT, first.path(), first.request(), person, first.identity(),
                first.channel(), first.region());
    }

    private Planned withdrawal() {
        Person person = eligible(p -> true);
        if (person == null) {
            return null;
        }
        String requestId = "wd-" + settings.seed() + "-" + seq;
        String identity = person.signedAs;
        if (identity.startsWith("tel:")) {
            // A phone signature is withdrawn by calling from that phone and pressing 9.
            return new Planned(Planned.Kind.WITHDRAWAL, MENU, new Request.Menu(callSid(), person.phone, "9"), person,
                    identity, null, null);
        }
        Request.Withdrawal request = identity.startsWith("mailto:")
                ? new Request.Withdrawal(requestId, person.email, true, null, random.nextInt())
                : new Request.Withdrawal(requestId, null, false, person.installId, 0);
        return new Planned(Planned.Kind.WITHDRAWAL, WITHDRAWALS, request, person, identity, null, null);
    }

    private Planned withdrawalWithoutSignature() {
        Person person = population.resident();
        Request.Withdrawal request = new Request.Withdrawal("wd-" + settings.seed() + "-" + seq, person.email, false,
                null, 0);
        return new Planned(Planned.Kind.WITHDRAWAL_WITHOUT_SIGNATURE, WITHDRAWALS, request, person,
                person.emailIdentity(), null, null);
    }

    private Planned call(Planned.Kind kind, Person person, String status) {
        return new Planned(kind, CALLS, callRequest(person.phone, status), person, "tel:" + person.phone, "CALL",
                person.callRegion);
    }

    private Planned withheldCall() {
        return new Planned(Planned.Kind.WITHHELD_CALL, CALLS,
                callRequest(WITHHELD.get(random.nextInt(WITHHELD.size())), "completed"), null, null, "CALL",
                Regions.UNKNOWN);
    }

    private String callSid() {
        return "CA" + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    private Request.Call callRequest(String from, String status) {
        String callSid = callSid();
        int duration = status.equals("completed") ? 20 + random.nextInt(240) : 0;
        // The provider writes whole seconds (RFC 1123).
        long timestamp = System.currentTimeMillis() / 1000 * 1000;
        return new Request.Call(callSid, from, status, duration, timestamp);
    }

    /** {@code withPhone}: the person types their number too, which the gateway ignores. */
    private Planned web(Planned.Kind kind, Person person, boolean withPhone) {
        Request.Web request = new Request.Web("web-" + settings.seed() + "-" + seq,
                random.nextInt(4) == 0 ? settings.campaign() : null, person.email, kind != Planned.Kind.SIGNATURE,
                withPhone ? person.phone : null, person.postalCode, person.language, random.nextBoolean(),
                random.nextInt());
        // a typed phone number is no identity: the signer is the address they confirm
        return new Planned(kind, WEB, request, person, person.emailIdentity(), "WEB", person.province);
    }

    private Planned app(Planned.Kind kind, Person person, boolean withPhone, boolean withPostalCode) {
        Request.App request = new Request.App("app-" + settings.seed() + "-" + seq, person.installId,
                withPhone ? person.phone : null, withPostalCode ? person.postalCode : null, person.language,
                random.nextInt(100) < 55 ? AppPlatform.ANDROID : AppPlatform.IOS, "2.3." + random.nextInt(4),
                random.nextInt());
        // A typed phone number places nobody: without a postal code the region is unknown.
        return new Planned(kind, APP, request, person, "app:" + person.installId, "APP",
                withPostalCode ? person.province : Regions.UNKNOWN);
    }

    private Planned malformed() {
        String id = "bad-" + settings.seed() + "-" + seq;
        return switch (random.nextInt(9)) {
            case 0 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":");
            case 1 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"postalCode\":\"1000\",\"language\":\"nl\"}");
            case 2 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":\"a@b.be\",\"postalCode\":\"99999\",\"language\":\"nl\"}");
            case 3 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":\"a@b.be\",\"postalCode\":\"1000\",\"language\":\"es\"}");
            case 4 -> malformedJson(WITHDRAWALS, "{\"requestId\":\"" + id + "\",\"phone\":\"+32470123456\"}");
            case 5 -> malformed(WEB, new Request.Raw("text/plain", "email=a@b.be".getBytes(StandardCharsets.UTF_8), null));
            case 6 -> malformedJson(APP, "{\"submissionId\":\"" + id + "\",\"installId\":\"install-0000001\",\"language\":\"nl\"}");
            case 7 -> {
                Map<String, String> form = new LinkedHashMap<>(Map.of("From", "+3225123456", "CallStatus", "completed"));
                yield malformed(CALLS, new Request.Raw(Request.FORM_TYPE, Request.formBody(form), form));
            }
            default -> malformedJson(WITHDRAWALS, "{\"requestId\":\"" + id + "\"}");
        };
    }

    private static Planned malformed(String path, Request.Raw request) {
        return new Planned(Planned.Kind.MALFORMED, path, request, null, null, null, null);
    }

    private static Planned malformedJson(String path, String body) {
        return malformed(path, new Request.Raw(Request.JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), null));
    }
}
