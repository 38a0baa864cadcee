package be.petition.gateway;

import be.petition.avro.Language;
import be.petition.config.ServiceConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Double opt-in for e-mail: a web signature or an e-mail withdrawal is answered {@code 202 {"status":"pending"}}
 * once its mail is queued, and written to Kafka only when the link's button POSTs the token back. The GET of the link
 * only shows that button (mail scanners fetch links). The answer to a pending request depends on nothing but the
 * request, so it never tells whether the address signed before.
 */
final class Confirmations implements AutoCloseable {
    static final String PUBLIC_URL = "confirm.public.url";
    static final String PATH = "/v1/confirm";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HTML_TYPE = "text/html; charset=utf-8";
    private static final String UNKNOWN_KIND = "unknown";

    private final Intake intake;
    private final ConfirmationToken tokens;
    private final ConfirmationMailer mailer;
    private final KafkaHandoff handoff;
    private final RequestBodies bodies;
    private final Responses responses;
    private final GatewayMetrics gatewayMetrics;
    private final ConfirmationMetrics metrics;
    private final Supplier<String> publicUrl;
    private final LongSupplier clock;

    Confirmations(Intake intake, ConfirmationToken tokens, ConfirmationMailer mailer, KafkaHandoff handoff,
                  RequestBodies bodies, Responses responses, GatewayMetrics gatewayMetrics,
                  ConfirmationMetrics metrics, Supplier<String> publicUrl, LongSupplier clock) {
        this.intake = intake;
        this.tokens = tokens;
        this.mailer = mailer;
        this.handoff = handoff;
        this.bodies = bodies;
        this.responses = responses;
        this.gatewayMetrics = gatewayMetrics;
        this.metrics = metrics;
        this.publicUrl = publicUrl;
        this.clock = clock;
    }

    /** The links point at {@code confirm.public.url}, or at the gateway's own address when it is empty. */
    static Supplier<String> publicUrl(ServiceConfig config, Supplier<String> ownUrl) {
        String configured = config.string(PUBLIC_URL, "").trim();
        String base = configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
        return base.isEmpty() ? ownUrl : () -> base;
    }

    /** {@code POST /v1/signatures/web}. */
    void web(Context ctx) {
        pending(ctx, Endpoint.WEB, intake.pendingWeb(bodies.json(ctx)));
    }

    /** {@code POST /v1/withdrawals} with an address; null when the body names none (another proof applies). */
    PendingConfirmation withdrawalByEmail(byte[] body) {
        return intake.pendingWithdrawal(body);
    }

    void pending(Context ctx, Endpoint endpoint, PendingConfirmation pending) {
        ConfirmationToken.Claims claims = pending.claims();
        ConfirmationTexts texts = ConfirmationTexts.of(claims.language());
        String link = publicUrl.get() + PATH + "?token=" + tokens.issue(claims);
        String kind = claims.kind().label();
        ConfirmationMailer.Mail mail = new ConfirmationMailer.Mail(pending.address(),
                texts.subject().get(claims.kind()), texts.mail(claims.kind(), link, tokens.ttl().toDays()), kind);
        if (!mailer.offer(mail)) {
            throw new RejectedRequest(503, "mail_queue_full",
                    "Too many confirmation mails are waiting to be sent; try again shortly");
        }
        metrics.confirmations.labelValues("pending", kind).inc();
        gatewayMetrics.requests.labelValues(endpoint.label(), "pending").inc();
        Responses.json(ctx, 202, Map.of("status", "pending"));
    }

    /** {@code GET /v1/confirm?token=…}: the button, or why the link does not work. Writes nothing. */
    void page(Context ctx) {
        Responses.countAs(ctx, Endpoint.CONFIRM);
        String token = ctx.queryParam("token");
        ConfirmationToken.Claims claims;
        try {
            claims = tokens.verify(token, clock.getAsLong());
        } catch (ConfirmationToken.Invalid e) {
            html(ctx, e.status(), ConfirmationTexts.of(browserLanguage(ctx)), e.reason(), null);
            return;
        }
        ConfirmationTexts texts = ConfirmationTexts.of(claims.language());
        String form = "<form method=\"post\" action=\"" + PATH + "\"><input type=\"hidden\" name=\"token\" value=\""
                + escape(token) + "\"><button type=\"submit\">" + escape(texts.action().get(claims.kind()))
                + "</button></form>";
        html(ctx, 200, texts, texts.intro().get(claims.kind()), form);
    }

    /**
     * {@code POST /v1/confirm} (form {@code token=…}, or JSON {@code {"token": …}}): verifies the token, then writes
     * the event with the time of confirmation. Its event id comes from the submission id, so a second click is a
     * redelivery of the same event. Answers HTML, or {@code 202 {eventId, eventTime}} to {@code Accept: application/json}.
     */
    void confirm(Context ctx) {
        Responses.countAs(ctx, Endpoint.CONFIRM);
        boolean json = wantsJson(ctx);
        String token = token(ctx);
        ConfirmationToken.Claims claims;
        try {
            claims = tokens.verify(token, clock.getAsLong());
        } catch (ConfirmationToken.Invalid e) {
            metrics.confirmations.labelValues(e.status() == 410 ? "expired" : "invalid",
                    e.kind() == null ? UNKNOWN_KIND : e.kind().label()).inc();
            RejectedRequest refusal = new RejectedRequest(e.status(), "token_" + e.reason(),
                    ConfirmationTexts.of(Language.EN).refusal(e.reason()), Map.of("token", "is " + e.reason()));
            if (json) {
                responses.reject(ctx, refusal);
            } else {
                responses.count(ctx, refusal);
                html(ctx, e.status(), ConfirmationTexts.of(browserLanguage(ctx)), e.reason(), null);
            }
            return;
        }
        ConfirmationTexts texts = ConfirmationTexts.of(claims.language());
        String kind = claims.kind().label();
        try {
            handoff.publish(ctx, intake.confirmed(claims), (answered, prepared) -> {
                metrics.confirmations.labelValues("confirmed", kind).inc();
                if (json) {
                    Map<String, Object> body = new LinkedHashMap<>(KafkaHandoff.accepted(prepared));
                    body.put("status", "confirmed");
                    Responses.json(answered, 202, body);
                } else {
                    html(answered, 200, texts, texts.done().get(claims.kind()), null);
                }
            }, (answered, refusal) -> refuse(answered, refusal, json, texts));
        } catch (RejectedRequest refusal) {
            refuse(ctx, refusal, json, texts);
        }
    }

    private void refuse(Context ctx, RejectedRequest refusal, boolean json, ConfirmationTexts texts) {
        if (json) {
            responses.reject(ctx, refusal);
        } else {
            responses.count(ctx, refusal);
            html(ctx, refusal.status(), texts, texts.unavailable(), null);
        }
    }

    private String token(Context ctx) {
        String type = ctx.header("Content-Type");
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith(Responses.JSON_TYPE)) {
            try {
                JsonNode body = JSON.readTree(bodies.json(ctx));
                return body == null ? null : body.path("token").asText(null);
            } catch (IOException e) {
                return null;
            }
        }
        List<String> values = bodies.form(ctx).get("token");
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains(Responses.JSON_TYPE) && !accept.contains("text/html");
    }

    /** A refused link has no readable language: the browser's, else French (the campaign's first language). */
    private static Language browserLanguage(Context ctx) {
        String header = ctx.header("Accept-Language");
        if (header != null && header.length() >= 2) {
            try {
                return Language.valueOf(header.substring(0, 2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return Language.FR;
            }
        }
        return Language.FR;
    }

    /** @param message the text, or a token refusal's reason ({@code expired}, {@code forged}, {@code malformed}) */
    private static void html(Context ctx, int status, ConfirmationTexts texts, String message, String form) {
        String text = switch (message) {
            case "expired", "forged", "malformed" -> texts.refusal(message);
            default -> message;
        };
        StringBuilder page = new StringBuilder(2048);
        page.append("<!doctype html><html lang=\"").append(texts.lang()).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(escape(texts.pageTitle())).append("</title><style>body{font-family:system-ui,sans-serif;")
                .append("max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}button{font-size:1.2rem;")
                .append("padding:.7rem 1.4rem;border:0;border-radius:.4rem;background:#c8102e;color:#fff}")
                .append("aside{margin-top:2rem;border-top:1px solid #ccc;font-size:.95rem}</style></head><body><main>")
                .append("<h1>").append(escape(texts.pageTitle())).append("</h1><p>").append(escape(text))
                .append("</p>");
        if (form != null) {
            page.append(form);
        }
        page.append("<aside><h2>").append(escape(texts.helpTitle())).append("</h2><ul>");
        texts.helpLines().forEach(line -> page.append("<li>").append(escape(line)).append("</li>"));
        page.append("</ul></aside></main></body></html>");
        // The token is in the address: no referrer, no cache, no framing (a framed button could be clicked unseen).
        ctx.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
                .status(status).contentType(HTML_TYPE).result(page.toString());
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        mailer.close();
    }
}
