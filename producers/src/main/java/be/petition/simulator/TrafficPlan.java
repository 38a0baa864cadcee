package be.petition.simulator;

import be.petition.avro.Language;
import be.petition.identity.EmailAddresses;
import be.petition.identity.PhoneNumbers;
import be.petition.region.PhoneRegions;
import be.petition.region.Regions;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Decides what the next request is: a new signer on a channel (by the channel mix), the same person again,
 * a re-sent request, a withdrawal, an uncountable call or a malformed request, by the configured shares.
 * Duplicates and withdrawals only concern people whose earlier request was acknowledged and who have nothing
 * under way, so the pipeline sees them in the order the ground truth assumes.
 */
final class TrafficPlan {
    static final String WEB = "/v1/signatures/web";
    static final String APP = "/v1/signatures/app";
    static final String CALLS = "/v1/telephony/calls";
    static final String WITHDRAWALS = "/v1/withdrawals";
    static final String JSON_TYPE = "application/json";
    static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int POOL_SIZE = 100_000;
    private static final List<String> WITHHELD = List.of("anonymous", "+266696687", "restricted", "+86282452253");
    private static final List<String> NOT_COUNTING = List.of("busy", "no-answer", "failed", "canceled", "ringing");

    private final Random random;
    private final SimulationSettings settings;
    private final Population population;
    private final List<Person> signers = new ArrayList<>();
    private final Map<Person, Planned> firstRequests = new java.util.HashMap<>();
    private final DateTimeFormatter rfc1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withLocale(Locale.ROOT);
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
            case SIGNATURE -> {
                person.signedAs = planned.identity();
                firstRequests.put(person, planned);
                if (signers.size() < POOL_SIZE) {
                    signers.add(person);
                } else {
                    Person replaced = signers.set(random.nextInt(POOL_SIZE), person);
                    firstRequests.remove(replaced);
                }
            }
            case WITHDRAWAL -> {
                person.withdrawn = true;
                firstRequests.remove(person);
            }
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
            Person person = eligible(p -> p.signedAs.startsWith("tel:"));
            if (person == null) {
                return null;
            }
            String first = firstRequests.get(person).channel();
            List<String> others = new ArrayList<>(List.of("CALL", "WEB", "APP"));
            others.remove(first);
            if (person.postalCode == null) {
                others.remove("WEB");
            }
            return switch (others.get(random.nextInt(others.size()))) {
                case "CALL" -> call(Planned.Kind.DUPLICATE_OTHER_CHANNEL, person, "completed");
                case "WEB" -> web(Planned.Kind.DUPLICATE_OTHER_CHANNEL, person, true);
                default -> app(Planned.Kind.DUPLICATE_OTHER_CHANNEL, person, true, person.postalCode != null);
            };
        }
        Person person = eligible(p -> true);
        if (person == null) {
            return null;
        }
        Planned first = firstRequests.get(person);
        boolean byPhone = person.signedAs.startsWith("tel:");
        return switch (first.channel()) {
            case "CALL" -> call(Planned.Kind.DUPLICATE_SAME_CHANNEL, person, "completed");
            case "WEB" -> web(Planned.Kind.DUPLICATE_SAME_CHANNEL, person, byPhone);
            default -> app(Planned.Kind.DUPLICATE_SAME_CHANNEL, person, byPhone, random.nextBoolean() && person.postalCode != null);
        };
    }

    private Planned resend(Person person) {
        Planned first = firstRequests.get(person);
        return new Planned(Planned.Kind.RESENT, first.path(), first.contentType(), first.body(), first.form(), person,
                first.identity(), first.channel(), first.region());
    }

    private Planned withdrawal() {
        Person person = eligible(p -> true);
        if (person == null) {
            return null;
        }
        ObjectNode body = JSON.createObjectNode().put("requestId", "wd-" + settings.seed() + "-" + seq);
        String identity = person.signedAs;
        if (identity.startsWith("tel:")) {
            body.put("phone", population.written(person.phone));
        } else if (identity.startsWith("mailto:")) {
            body.put("email", population.retyped(person.email));
        } else {
            body.put("installId", person.installId);
        }
        return new Planned(Planned.Kind.WITHDRAWAL, WITHDRAWALS, JSON_TYPE, bytes(body), null, person, identity,
                null, null);
    }

    private Planned withdrawalWithoutSignature() {
        Person person = population.resident();
        ObjectNode body = JSON.createObjectNode().put("requestId", "wd-" + settings.seed() + "-" + seq)
                .put("email", person.email);
        return new Planned(Planned.Kind.WITHDRAWAL_WITHOUT_SIGNATURE, WITHDRAWALS, JSON_TYPE, bytes(body), null, person,
                "mailto:" + EmailAddresses.normalise(person.email), null, null);
    }

    private Planned call(Planned.Kind kind, Person person, String status) {
        Map<String, String> form = callForm(person.phone, status);
        return new Planned(kind, CALLS, FORM_TYPE, formBody(form), form, person, "tel:" + person.phone, "CALL",
                person.callRegion);
    }

    private Planned withheldCall() {
        Map<String, String> form = callForm(WITHHELD.get(random.nextInt(WITHHELD.size())), "completed");
        return new Planned(Planned.Kind.WITHHELD_CALL, CALLS, FORM_TYPE, formBody(form), form, null, null, "CALL",
                Regions.UNKNOWN);
    }

    private Map<String, String> callForm(String from, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        byte[] sid = new byte[16];
        random.nextBytes(sid);
        form.put("CallSid", "CA" + HexFormat.of().formatHex(sid));
        form.put("AccountSid", "ACsimulator");
        form.put("From", from);
        form.put("To", "+3278151515");
        form.put("CallStatus", status);
        form.put("CallDuration", Integer.toString(status.equals("completed") ? 20 + random.nextInt(240) : 0));
        form.put("Timestamp", rfc1123.format(ZonedDateTime.now(ZoneOffset.UTC)));
        return form;
    }

    private Planned web(Planned.Kind kind, Person person, boolean withPhone) {
        ObjectNode body = JSON.createObjectNode().put("submissionId", "web-" + settings.seed() + "-" + seq)
                .put("email", kind == Planned.Kind.SIGNATURE ? person.email : population.retyped(person.email))
                .put("postalCode", person.postalCode).put("language", language(person.language))
                .put("consent", random.nextBoolean());
        if (withPhone) {
            body.put("phone", population.written(person.phone));
        }
        if (random.nextInt(4) == 0) {
            body.put("campaign", settings.campaign());
        }
        String identity = withPhone ? "tel:" + person.phone : "mailto:" + EmailAddresses.normalise(person.email);
        return new Planned(kind, WEB, JSON_TYPE, bytes(body), null, person, identity, "WEB", person.province);
    }

    private Planned app(Planned.Kind kind, Person person, boolean withPhone, boolean withPostalCode) {
        ObjectNode body = JSON.createObjectNode().put("submissionId", "app-" + settings.seed() + "-" + seq)
                .put("installId", person.installId).put("language", language(person.language))
                .put("platform", random.nextInt(100) < 55 ? "android" : "ios").put("appVersion", "2.3." + random.nextInt(4));
        if (withPhone) {
            body.put("phone", population.written(person.phone));
        }
        String region;
        if (withPostalCode) {
            body.put("postalCode", person.postalCode);
            region = person.province;
        } else {
            region = withPhone ? PhoneRegions.regionOf(PhoneNumbers.normalise(person.phone).parsed()) : Regions.UNKNOWN;
        }
        String identity = withPhone ? "tel:" + person.phone : "app:" + person.installId;
        return new Planned(kind, APP, JSON_TYPE, bytes(body), null, person, identity, "APP", region);
    }

    private Planned malformed() {
        String id = "bad-" + settings.seed() + "-" + seq;
        return switch (random.nextInt(9)) {
            case 0 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":");
            case 1 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"postalCode\":\"1000\",\"language\":\"nl\"}");
            case 2 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":\"a@b.be\",\"postalCode\":\"99999\",\"language\":\"nl\"}");
            case 3 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":\"a@b.be\",\"postalCode\":\"1000\",\"language\":\"es\"}");
            case 4 -> malformedJson(WEB, "{\"submissionId\":\"" + id + "\",\"email\":\"a@b.be\",\"phone\":\"12345\",\"postalCode\":\"1000\",\"language\":\"fr\"}");
            case 5 -> new Planned(Planned.Kind.MALFORMED, WEB, "text/plain", "email=a@b.be".getBytes(StandardCharsets.UTF_8),
                    null, null, null, null, null);
            case 6 -> malformedJson(APP, "{\"submissionId\":\"" + id + "\",\"installId\":\"install-0000001\",\"language\":\"nl\"}");
            case 7 -> {
                Map<String, String> form = new LinkedHashMap<>(Map.of("From", "+3225123456", "CallStatus", "completed"));
                yield new Planned(Planned.Kind.MALFORMED, CALLS, FORM_TYPE, formBody(form), form, null, null, null, null);
            }
            default -> malformedJson(WITHDRAWALS, "{\"requestId\":\"" + id + "\"}");
        };
    }

    private static Planned malformedJson(String path, String body) {
        return new Planned(Planned.Kind.MALFORMED, path, JSON_TYPE, body.getBytes(StandardCharsets.UTF_8), null, null,
                null, null, null);
    }

    private String language(Language language) {
        String code = language.name().toLowerCase(Locale.ROOT);
        return switch (random.nextInt(4)) {
            case 0 -> language.name();
            case 1 -> code + "-BE";
            default -> code;
        };
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&")
                .append(java.net.URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
