package be.petition.gateway;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/** The app's static API key in {@code X-Api-Key}: it says which app build calls, it proves no identity. */
final class AppApiKey {
    private final byte[] key;

    AppApiKey(String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        String sent = ctx.header("X-Api-Key");
        if (sent == null || sent.isBlank()) {
            throw new RejectedRequest(401, "missing_api_key", "The X-Api-Key header is missing",
                    Map.of("X-Api-Key", "is missing"));
        }
        // Constant time: the comparison must not tell an attacker how many leading bytes were right.
        if (!MessageDigest.isEqual(sent.trim().getBytes(StandardCharsets.UTF_8), key)) {
            throw new RejectedRequest(403, "bad_api_key", "The X-Api-Key is not valid",
                    Map.of("X-Api-Key", "is not valid"));
        }
    }
}
