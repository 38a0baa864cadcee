package be.petition.serde;

import be.petition.avro.AppPlatform;
import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.Channel;
import be.petition.avro.Count;
import be.petition.avro.IdentityKind;
import be.petition.avro.Language;
import be.petition.avro.Signature;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** One filled-in record of every value type, with made-up signer keys (never real identities). */
final class SampleRecords {
    static final Instant SIGNED = Instant.parse("2023-11-20T18:30:00.123Z");
    static final Instant RECEIVED = Instant.parse("2023-11-20T18:30:01.456Z");

    private SampleRecords() {
    }

    static Signature signature() {
        return Signature.newBuilder()
                .setEventId("web-42")
                .setCampaign("glenn-2023")
                .setSignerKey("c2lnbmVyLWtleS0x")
                .setChannel(Channel.WEB)
                .setIdentityKind(IdentityKind.EMAIL)
                .setRegion("BE-VAN")
                .setLanguage(Language.NL)
                .setEventTime(SIGNED)
                .setReceivedTime(RECEIVED)
                .build();
    }

    static List<SpecificRecord> everyType() {
        return List.of(
                CallSignature.newBuilder().setEventId("call-CA123").setSignerKey(null)
                        .setIdentityKind(IdentityKind.WITHHELD).setRegion("ZZ").setStatus(CallStatus.COMPLETED)
                        .setDurationSeconds(94).setEventTime(SIGNED).setReceivedTime(RECEIVED).build(),
                CallSignature.newBuilder().setEventId("call-CA124").setSignerKey("a2V5LWNhbGw")
                        .setIdentityKind(IdentityKind.PHONE).setRegion("BE-WLG").setStatus(CallStatus.IN_PROGRESS)
                        .setEventTime(SIGNED).setReceivedTime(RECEIVED).build(),
                WebSignature.newBuilder().setEventId("web-1").setSignerKey("a2V5LXdlYg")
                        .setIdentityKind(IdentityKind.EMAIL).setRegion("BE-BRU").setLanguage(Language.FR)
                        .setConsentToContact(true).setEventTime(SIGNED).setReceivedTime(RECEIVED).build(),
                AppSignature.newBuilder().setEventId("app-1").setSignerKey("a2V5LWFwcA")
                        .setIdentityKind(IdentityKind.APP_INSTALL).setRegion("BE").setLanguage(Language.DE)
                        .setPlatform(AppPlatform.ANDROID).setAppVersion("2.3.1")
                        .setEventTime(SIGNED).setReceivedTime(RECEIVED).build(),
                Withdrawal.newBuilder().setEventId("wd-1").setSignerKey("a2V5LXdlYg")
                        .setReason(WithdrawalReason.ERASURE_REQUEST).setEventTime(SIGNED).setReceivedTime(RECEIVED)
                        .build(),
                signature(),
                Count.newBuilder().setCampaign("glenn-2023").setChannel(Channel.CALL).setRegion("BE-VLI")
                        .setCount(37_274L).setUpdatedTime(RECEIVED).build());
    }
}
