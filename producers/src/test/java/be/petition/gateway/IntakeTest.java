package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import be.petition.avro.AppSignature;
import be.petition.avro.CallSignature;
import be.petition.avro.IdentityKind;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import be.petition.identity.Identity;
import be.petition.identity.SignerKey;
import be.petition.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IntakeTest {
    private final SignerKey keys = new SignerKey("intake-test-pepper-0123456789");
    private final Intake intake = new Intake(keys, "glenn-2023", Set.of("glenn-2023", "other-2024"), () -> 1_700_000_000_000L);

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theSameSubmissionAlwaysGetsTheSameEventIdAndOtherSubmissionsAnother() {
        String body = "{\"submissionId\":\"s-1\",\"email\":\"a@b.be\",\"postalCode\":\"1000\",\"language\":\"fr\"}";
        Prepared first = intake.web(json(body));
        assertThat(intake.web(json(body)).eventId()).isEqualTo(first.eventId());
        assertThat(intake.web(json(body.replace("s-1", "s-2"))).eventId()).isNotEqualTo(first.eventId());
        assertThat(intake.web(json(body.replace("}", ",\"campaign\":\"other-2024\"}"))).eventId())
                .as("another campaign").isNotEqualTo(first.eventId());
        assertThat(first.topic()).isEqualTo(Topics.WEB);
    }

    @Test
    void aTypedPhoneNumberIsNotIdentityEvenWhenItIsNotANumber() {
        for (String phone : new String[] {"\"0032 2 512 34 56\"", "\"12\"", "470123456", "{\"a\":1}"}) {
            Prepared prepared = intake.web(json("""
                    {"submissionId":"s-3","email":"a@b.be","phone":%s,"postalCode":"8000","language":"NL-be"}"""
                    .formatted(phone)));
            WebSignature value = (WebSignature) prepared.value();
            assertThat(prepared.key()).as(phone).isEqualTo(keys.of(Identity.email("a@b.be")));
            assertThat(value.getIdentityKind()).isEqualTo(IdentityKind.EMAIL);
            assertThat(value.getRegion()).isEqualTo("BE-VWV");
        }
        assertThat(intake.pendingWeb(json("""
                {"submissionId":"s-3","email":"a@b.be","phone":"12","postalCode":"8000","language":"nl"}""")
        ).claims().signerKey()).as("the same key once confirmed").isEqualTo(keys.of(Identity.email("a@b.be")));
    }

    @Test
    void anAppSignatureIsItsInstallAndATypedPhoneGivesItNoRegion() {
        Prepared prepared = intake.app(json("""
                {"submissionId":"a-1","installId":"install-0123456789","phone":"+33 6 12 34 56 78","language":"fr","platform":"IOS"}"""));
        AppSignature value = (AppSignature) prepared.value();
        assertThat(prepared.key()).isEqualTo(keys.of(Identity.appInstall("install-0123456789")));
        assertThat(value.getIdentityKind()).isEqualTo(IdentityKind.APP_INSTALL);
        assertThat(value.getRegion()).isEqualTo("ZZ");
    }

    @Test
    void aPhoneWithdrawalIsRefusedTowardsTheCallMenu() {
        for (String body : new String[] {"{\"requestId\":\"w\",\"phone\":\"+32470123456\"}",
                "{\"requestId\":\"w\",\"phone\":\"+32470123456\",\"email\":\"a@b.be\"}"}) {
            assertThatThrownBy(() -> intake.withdrawal(json(body))).as(body)
                    .isInstanceOfSatisfying(RejectedRequest.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.fields().get("phone")).contains("call the petition number", "press 9");
                    });
        }
        assertThatThrownBy(() -> intake.withdrawal(json("{\"requestId\":\"w\"}")))
                .isInstanceOfSatisfying(RejectedRequest.class, e -> assertThat(e.fields().get("email"))
                        .contains("e-mail address or the app install id", "pressing 9"));
    }

    @Test
    void theMenuWithdrawsTheCallersNumberOncePerCall() {
        Prepared prepared = intake.menuWithdrawal(Map.of("CallSid", "CAm", "From", "+32 470 12 34 56", "Digits", "9"));
        assertThat(prepared.key()).isEqualTo(keys.of(Identity.phone("+32470123456")));
        assertThat(prepared.topic()).isEqualTo(Topics.WITHDRAWALS);
        assertThat(((Withdrawal) prepared.value()).getReason()).isEqualTo(WithdrawalReason.SIGNER_REQUEST);
        assertThat(intake.menuWithdrawal(Map.of("CallSid", "CAm", "From", "+32470123456")).eventId())
                .as("a redelivered menu answer is the same event").isEqualTo(prepared.eventId());
        assertThat(prepared.eventId()).as("never a JSON request's id")
                .isNotEqualTo(intake.withdrawal(json("{\"requestId\":\"CAm\",\"email\":\"a@b.be\"}")).eventId());
        assertThat(intake.menuWithdrawal(Map.of("CallSid", "CAm", "From", "anonymous"))).isNull();
        assertThat(intake.menuWithdrawal(Map.of("CallSid", "CAm", "From", "+999"))).isNull();
        assertThatThrownBy(() -> intake.menuWithdrawal(Map.of("From", "+32470123456")))
                .isInstanceOfSatisfying(RejectedRequest.class, e -> assertThat(e.fields()).containsKey("CallSid"));
    }

    @Test
    void aCallFromAnUnusableNumberIsKeptLikeAWithheldOne() {
        Prepared prepared = intake.call(Map.of("CallSid", "CAx", "From", "+999", "CallStatus", "completed"));
        CallSignature value = (CallSignature) prepared.value();
        assertThat(prepared.key()).isNull();
        assertThat(value.getIdentityKind()).isEqualTo(IdentityKind.WITHHELD);
        assertThat(prepared.outcome()).isEqualTo("withheld");
    }

    @Test
    void eachCallStatusIsItsOwnEventAndARedeliveryKeepsItsId() {
        Map<String, String> ringing = Map.of("CallSid", "CAy", "From", "+32470123456", "CallStatus", "ringing");
        Map<String, String> completed = Map.of("CallSid", "CAy", "From", "+32470123456", "CallStatus", "completed");
        assertThat(intake.call(ringing).eventId()).isEqualTo(intake.call(ringing).eventId())
                .isNotEqualTo(intake.call(completed).eventId());
        assertThat(intake.call(ringing).outcome()).isEqualTo("not_counting");
        assertThat(intake.call(completed).outcome()).isEqualTo("signature");
    }

    @Test
    void badCallFieldsAreNamed() {
        assertThatThrownBy(() -> intake.call(Map.of("From", "+32470123456", "CallStatus", "completed",
                "CallDuration", "-3", "Timestamp", "yesterday")))
                .isInstanceOfSatisfying(RejectedRequest.class, e -> assertThat(e.fields())
                        .containsKeys("CallSid", "CallDuration", "Timestamp").doesNotContainKey("CallStatus"));
    }

    @Test
    void aProviderTimeOutsideTheCenturyIsRefusedNamingTheField() {
        for (String time : new String[] {"+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z",
                "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "Fri, 31 Dec 1999 23:59:59 +0000"}) {
            assertThatThrownBy(() -> intake.call(Map.of("CallSid", "CAt", "From", "+32470123456",
                    "CallStatus", "completed", "Timestamp", time)))
                    .as(time).isInstanceOfSatisfying(RejectedRequest.class, e -> {
                        assertThat(e.status()).isEqualTo(400);
                        assertThat(e.fields()).containsOnlyKeys("Timestamp");
                        assertThat(e.fields().get("Timestamp")).contains("2000-01-01", "2100-01-01");
                    });
        }
        assertThat(intake.call(Map.of("CallSid", "CAt", "From", "+32470123456", "CallStatus", "completed",
                "Timestamp", "2099-12-31T23:59:59Z")).eventTime()).isEqualTo(4102444799000L);
    }

    @Test
    void aSignerCannotWithdrawForFraud() {
        assertThatThrownBy(() -> intake.withdrawal(json("{\"requestId\":\"w\",\"email\":\"a@b.be\",\"reason\":\"fraud\"}")))
                .isInstanceOfSatisfying(RejectedRequest.class, e -> assertThat(e.fields()).containsKey("reason"));
    }

    @Test
    void eventIdsAreNameBasedUuidsOfChannelCampaignAndId() {
        for (String id : new String[] {"web-1", "CA0123/COMPLETED", "é-ü"}) {
            assertThat(Intake.eventId("web", "glenn-2023", id)).isEqualTo(java.util.UUID.nameUUIDFromBytes(
                    ("web\nglenn-2023\n" + id).getBytes(StandardCharsets.UTF_8)).toString());
        }
    }
}
