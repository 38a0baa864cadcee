package be.petition.simulator;

import be.petition.avro.IdentityKind;
import be.petition.avro.WithdrawalReason;
import be.petition.gateway.Intake;
import be.petition.gateway.Prepared;
import be.petition.gateway.RejectedRequest;
import be.petition.identity.Identity;
import be.petition.identity.SignerKey;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * The records the gateway writes for planned requests, built with the gateway's own {@link Intake}.
 * {@link #prepare} goes from the plan's values straight to {@code Intake}'s record methods, with each person's
 * signer key computed once; {@link #parse} takes the gateway's whole way, from the request's text.
 */
final class DirectRecords {
    private final Intake intake;
    private final SignerKey signerKeys;
    private final String campaign;

    DirectRecords(SignerKey signerKeys, String campaign, LongSupplier clock) {
        this.intake = new Intake(signerKeys, campaign, Set.of(campaign), clock);
        this.signerKeys = signerKeys;
        this.campaign = campaign;
    }

    /** The record for a planned request; a malformed one is parsed, so refused as the gateway refuses it. */
    Prepared prepare(Planned planned) {
        Request request = planned.request();
        if (request instanceof Request.Web web) {
            return intake.webRecord(campaign, web.submissionId(), signerKey(planned), kindOf(planned.identity()),
                    planned.region(), web.language(), web.consent());
        }
        if (request instanceof Request.App app) {
            return intake.appRecord(campaign, app.submissionId(), signerKey(planned), kindOf(planned.identity()),
                    planned.region(), app.language(), app.platform(), app.appVersion());
        }
        if (request instanceof Request.Withdrawal withdrawal) {
            return intake.withdrawalRecord(campaign, withdrawal.requestId(), signerKey(planned),
                    WithdrawalReason.SIGNER_REQUEST);
        }
        if (request instanceof Request.Menu menu) {
            return intake.menuWithdrawalRecord(menu.callSid(), signerKey(planned));
        }
        if (request instanceof Request.Call call) {
            return intake.callRecord(call.callSid(), Intake.callStatus(call.status()), call.durationSeconds(),
                    planned.identity() == null ? null : signerKey(planned), planned.region(), call.timestamp());
        }
        return parse(planned);
    }

    /** What the gateway makes of the request's text: the record, or a {@link RejectedRequest} with its status. */
    Prepared parse(Planned planned) {
        boolean form = planned.path().equals(TrafficPlan.CALLS) || planned.path().equals(TrafficPlan.MENU);
        String expectedType = form ? Request.FORM_TYPE : Request.JSON_TYPE;
        if (!planned.contentType().equals(expectedType)) {
            throw new RejectedRequest(415, "unsupported_media_type", "The body must be " + expectedType);
        }
        return switch (planned.path()) {
            case TrafficPlan.WEB -> intake.web(planned.body());
            case TrafficPlan.APP -> intake.app(planned.body());
            case TrafficPlan.WITHDRAWALS -> intake.withdrawal(planned.body());
            case TrafficPlan.CALLS -> intake.call(planned.form());
            case TrafficPlan.MENU -> intake.menuWithdrawal(planned.form());
            default -> throw new IllegalArgumentException("No route for " + planned.path());
        };
    }

    private String signerKey(Planned planned) {
        IdentityKind kind = kindOf(planned.identity());
        String[] keys = planned.person().signerKeys;
        if (keys[kind.ordinal()] == null) {
            keys[kind.ordinal()] = signerKeys.of(new Identity(kind, planned.identity()));
        }
        return keys[kind.ordinal()];
    }

    private static IdentityKind kindOf(String identity) {
        if (identity.startsWith("tel:")) {
            return IdentityKind.PHONE;
        }
        return identity.startsWith("mailto:") ? IdentityKind.EMAIL : IdentityKind.APP_INSTALL;
    }
}
