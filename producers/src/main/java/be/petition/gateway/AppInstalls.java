package be.petition.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * App installs prove themselves: {@code POST /v1/app/installs} gives a new install its id and secret
 * ({@link InstallSecrets}), and app signatures and withdrawals by install id must carry that secret as
 * {@code Authorization: Bearer <installSecret>}. The app's static API key only says which app build calls.
 */
final class AppInstalls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BEARER = "bearer ";
    private static final String HOW = "send Authorization: Bearer <installSecret>, as POST /v1/app/installs issued it"
            + " with this installId";

    private final InstallSecrets secrets;
    private final GatewayMetrics metrics;

    AppInstalls(InstallSecrets secrets, GatewayMetrics metrics) {
        this.secrets = secrets;
        this.metrics = metrics;
    }

    /** A new install: a random id and its secret. Nothing is stored; the secret is only ever sent here. */
    void issue(Context ctx) {
        String installId = UUID.randomUUID().toString();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("installId", installId);
        body.put("installSecret", secrets.secretOf(installId));
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, 201, body);
        metrics.installs.inc();
        metrics.requests.labelValues(Endpoint.INSTALL.label(), "accepted").inc();
    }

    /**
     * An app signature always needs the secret; a withdrawal only when it names an install; a web signature never
     * (its body is not even read here). A body that names no usable installId is left to {@link Intake}, which says
     * what is wrong with it.
     */
    void requireSecret(Context ctx, Endpoint endpoint, byte[] body) {
        if (endpoint != Endpoint.APP && endpoint != Endpoint.WITHDRAWAL) {
            return;
        }
        String installId = installIdIn(body);
        if (endpoint == Endpoint.WITHDRAWAL && installId == null) {
            return;
        }
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                || header.substring(BEARER.length()).isBlank()) {
            metrics.installSecretRefusals.labelValues(endpoint.label(), "missing").inc();
            ctx.header("WWW-Authenticate", "Bearer");
            throw new RejectedRequest(401, "missing_install_secret", "This request needs the app install's secret",
                    Map.of("Authorization", "is missing: " + HOW));
        }
        if (installId != null && !secrets.matches(installId, header.substring(BEARER.length()).trim())) {
            metrics.installSecretRefusals.labelValues(endpoint.label(), "wrong").inc();
            throw new RejectedRequest(403, "bad_install_secret", "The install secret does not match the installId",
                    Map.of("Authorization", "does not match installId: " + HOW));
        }
    }

    /** The body's installId as {@link be.petition.identity.Identity#appInstall} reads it (trimmed), else null. */
    private static String installIdIn(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            JsonNode installId = node == null ? null : node.get("installId");
            if (installId == null || !installId.isTextual() || installId.textValue().isBlank()) {
                return null;
            }
            return installId.textValue().trim();
        } catch (IOException e) {
            return null; // Intake answers malformed JSON with its position
        }
    }
}
