package be.petition.gateway;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The telephony provider's webhooks: a form body, signed with {@code X-Twilio-Signature} when a token is configured
 * (a call proves its caller id only if nobody else can post it), and TwiML for the voice webhook: the message, then
 * the {@link CallMenu}.
 */
final class TelephonyWebhook {
    static final String MENU_PATH = "/v1/telephony/menu";

    private final RequestBodies bodies;
    private final TwilioSignature signature;
    private final String publicUrl;
    private final String storyUrl;
    private final CallMenu menu;

    /**
     * @param signature null: signatures are not checked (no token configured)
     * @param publicUrl the base URL the provider calls when the gateway sits behind a proxy; null: the URL it sees
     * @param storyUrl the recording callers hear; null: a short spoken thank-you
     */
    TelephonyWebhook(RequestBodies bodies, TwilioSignature signature, String publicUrl, String storyUrl, CallMenu menu) {
        this.bodies = bodies;
        this.signature = signature;
        this.publicUrl = publicUrl == null || !publicUrl.endsWith("/") ? publicUrl
                : publicUrl.substring(0, publicUrl.length() - 1);
        this.storyUrl = storyUrl;
        this.menu = menu;
    }

    boolean checksSignatures() {
        return signature != null;
    }

    /** A webhook's fields (the first value of each) once its signature is checked. */
    Map<String, String> fields(Context ctx) {
        Map<String, String> fields = new LinkedHashMap<>();
        verifiedForm(ctx).forEach((name, values) -> fields.put(name, values.get(0)));
        return fields;
    }

    /**
     * The voice webhook: the caller hears the story, then the menu; the signature is recorded from the status
     * callback, a withdrawal from the menu's answer.
     */
    void voice(Context ctx) {
        Map<String, String> fields = fields(ctx);
        String message = storyUrl == null
                ? "<Say language=\"nl-BE\">Bedankt om Glenn te bellen.</Say><Say language=\"fr-BE\">Merci d'appeler Glenn.</Say>"
                : "<Play>" + CallMenu.xml(storyUrl) + "</Play>";
        twiml(ctx, CallMenu.document(message + menu.offer(baseUrl(ctx) + MENU_PATH, fields.get("To"))));
    }

    static void twiml(Context ctx, String document) {
        ctx.status(200).contentType("text/xml; charset=utf-8").result(document);
    }
    private Map<String, List<String>> verifiedForm(Context ctx) {
        Map<String, List<String>> form = bodies.form(ctx);
        if (signature != null) {
            String sent = ctx.header("X-Twilio-Signature");
            if (sent == null || sent.isBlank()) {
                throw new RejectedRequest(401, "missing_signature", "The X-Twilio-Signature header is missing",
                        Map.of("X-Twilio-Signature", "is missing"));
            }
            if (!signature.verify(signedUrl(ctx), form, sent)) {
                throw new RejectedRequest(403, "bad_signature", "The X-Twilio-Signature does not match this"
                        + " request (is telephony.public.url the URL the provider calls?)",
                        Map.of("X-Twilio-Signature", "does not match"));
            }
        }
        return form;
    }

    /** The URL the provider signed: the public one when the gateway sits behind a proxy. */
    private String signedUrl(Context ctx) {
        if (publicUrl == null) {
            return ctx.fullUrl();
        }
        String query = ctx.queryString();
        return publicUrl + ctx.path() + (query == null || query.isEmpty() ? "" : "?" + query);
    }

    /** Where the provider reaches the gateway: the public URL, else scheme, host and port of this request. */
    private String baseUrl(Context ctx) {
        if (publicUrl != null) {
            return publicUrl;
        }
        String url = ctx.url();
        return url.substring(0, url.length() - ctx.path().length());
    }
}
