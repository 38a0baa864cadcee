package be.petition.topology;

import be.petition.avro.AppPlatform;
import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import java.time.Instant;

/** Test records of every input topic, as the gateway would write them. */
public final class Events {
    public static final String CAMPAIGN = "glenn-2023";

    private Events() {
    }

    public static CallSignature call(String eventId, String signerKey, String region, Instant at) {
        return CallSignature.newBuilder().setEventId(eventId).setCampaign(CAMPAIGN).setSignerKey(signerKey)
                .setIdentityKind(signerKey == null ? IdentityKind.WITHHELD : IdentityKind.PHONE).setRegion(region)
                .setStatus(CallStatus.COMPLETED).setDurationSeconds(95).setEventTime(at).setReceivedTime(at)
                .build();
    }

    public static WebSignature web(String eventId, String signerKey, String region, Instant at) {
        return WebSignature.newBuilder().setEventId(eventId).setCampaign(CAMPAIGN).setSignerKey(signerKey)
                .setIdentityKind(IdentityKind.PHONE).setRegion(region).setLanguage(Language.NL)
                .setConsentToContact(false).setEventTime(at).setReceivedTime(at).build();
    }

    public static AppSignature app(String eventId, String signerKey, String region, Instant at) {
        return AppSignature.newBuilder().setEventId(eventId).setCampaign(CAMPAIGN).setSignerKey(signerKey)
                .setIdentityKind(IdentityKind.APP_INSTALL).setRegion(region).setLanguage(Language.FR)
                .setPlatform(AppPlatform.ANDROID).setAppVersion("1.0").setEventTime(at).setReceivedTime(at).build();
    }

    public static Withdrawal withdrawal(String eventId, String signerKey, Instant at) {
        return Withdrawal.newBuilder().setEventId(eventId).setCampaign(CAMPAIGN).setSignerKey(signerKey)
                .setReason(WithdrawalReason.SIGNER_REQUEST).setEventTime(at).setReceivedTime(at).build();
    }
}
