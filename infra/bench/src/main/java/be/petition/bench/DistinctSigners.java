package be.petition.bench;

import be.petition.avro.AppPlatform;
import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.WebSignature;
import be.petition.config.ServiceConfig;
import be.petition.gateway.Endpoint;
import be.petition.gateway.Intake;
import be.petition.gateway.Prepared;
import be.petition.gateway.Publisher;
import be.petition.geography.Regions;
import be.petition.identity.Identity;
import be.petition.identity.SignerKey;
import be.petition.topics.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes valid signatures of distinct signers straight to the raw topics, fast: every record is a new person, so the
 * signer store grows by one per record. The channel mix is the simulator's default (6 calls, 3 web, 1 app in 10).
 */
final class DistinctSigners {
    private static final int MAX_IN_FLIGHT = 50_000;
    /** Belgian mobile numbers 0470 000 000 and up: distinct, valid and region BE, for up to 30 million callers. */
    private static final long FIRST_MOBILE = 470_000_000L;

    private DistinctSigners() {
    }

    /** Sends {@code count} signatures of {@code campaign}; returns records per second. */
    static double produce(String bootstrapServers, String registryUrl, String campaign, long count)
            throws InterruptedException {
        Publisher publisher = Publisher.fromConfig(ServiceConfig.of(Map.of(
                "kafka.bootstrap.servers", bootstrapServers, "kafka.linger.ms", "20",
                "kafka.batch.size", "262144", "kafka.compression.type", "lz4",
                "schema.registry.url", registryUrl)), "bench-distinct-signers");
        SignerKey keys = new SignerKey(Bench.PEPPER);
        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        AtomicLong failed = new AtomicLong();
        long started = System.nanoTime();
        long nextReport = started + TimeUnit.SECONDS.toNanos(5);
        try {
            for (long i = 0; i < count; i++) {
                inFlight.acquire();
                publisher.send(signature(i, campaign, keys)).whenComplete((metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                    }
                    inFlight.release();
                });
                if (System.nanoTime() > nextReport) {
                    Bench.progress("generated %d of %d signers", i, count);
                    nextReport += TimeUnit.SECONDS.toNanos(5);
                }
            }
            inFlight.acquire(MAX_IN_FLIGHT);
        } finally {
            publisher.close();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " of " + count + " signatures were not written");
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private static Prepared signature(long i, String campaign, SignerKey keys) {
        Instant now = Instant.now();
        String region = Regions.BELGIAN_AREAS.get((int) (i % Regions.BELGIAN_AREAS.size()));
        long slot = i % 10;
        if (slot < 6) {
            String key = keys.of(Identity.phone("+32" + (FIRST_MOBILE + i)));
            String eventId = Intake.eventId("call", campaign, "bench-" + i + "/" + CallStatus.COMPLETED);
            CallSignature call = CallSignature.newBuilder().setEventId(eventId).setCampaign(campaign)
                    .setSignerKey(key).setIdentityKind(IdentityKind.PHONE).setRegion(Regions.BELGIUM)
                    .setStatus(CallStatus.COMPLETED).setDurationSeconds(60).setEventTime(now).setReceivedTime(now)
                    .build();
            return new Prepared(Endpoint.CALL, Topics.CALLS, key, call, eventId, now.toEpochMilli(), "signature");
        }
        if (slot < 9) {
            String key = keys.of(Identity.email("signer-" + i + "@bench.example.org"));
            String eventId = Intake.eventId("web", campaign, "bench-" + i);
            WebSignature web = WebSignature.newBuilder().setEventId(eventId).setCampaign(campaign).setSignerKey(key)
                    .setIdentityKind(IdentityKind.EMAIL).setRegion(region).setLanguage(Language.NL)
                    .setConsentToContact(false).setEventTime(now).setReceivedTime(now).build();
            return new Prepared(Endpoint.WEB, Topics.WEB, key, web, eventId, now.toEpochMilli(), "signature");
        }
        String key = keys.of(Identity.appInstall("bench-install-" + i));
        String eventId = Intake.eventId("app", campaign, "bench-" + i);
        AppSignature app = AppSignature.newBuilder().setEventId(eventId).setCampaign(campaign).setSignerKey(key)
                .setIdentityKind(IdentityKind.APP_INSTALL).setRegion(region).setLanguage(Language.FR)
                .setPlatform(AppPlatform.ANDROID).setAppVersion("bench").setEventTime(now).setReceivedTime(now)
                .build();
        return new Prepared(Endpoint.APP, Topics.APP, key, app, eventId, now.toEpochMilli(), "signature");
    }
}
