package be.petition.gateway;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.BadMessageException;

/** Reads a request body of the expected media type, at most {@code maxBodyBytes} of it; forms are decoded here. */
final class RequestBodies {
    private static final String FORM_TYPE = "application/x-www-form-urlencoded";
    private static final long DRAIN_LIMIT_BYTES = 1024 * 1024;

    private final int maxBodyBytes;

    RequestBodies(int maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** The raw body of a JSON request (parsing it is {@link Intake}'s job: it says which field is wrong). */
    byte[] json(Context ctx) {
        requireContentType(ctx, Responses.JSON_TYPE);
        return read(ctx);
    }

    /** A form-encoded body, every value of every name in the order sent. */
    Map<String, List<String>> form(Context ctx) {
        requireContentType(ctx, FORM_TYPE);
        return decodeForm(read(ctx));
    }

    RejectedRequest tooLarge() {
        return new RejectedRequest(413, "too_large", "The body is larger than " + maxBodyBytes + " bytes");
    }

    private static void requireContentType(Context ctx, String expected) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals(expected)) {
            throw new RejectedRequest(415, "unsupported_media_type", "The body must be " + expected,
                    Map.of("Content-Type", "must be " + expected));
        }
    }

    private byte[] read(Context ctx) {
        try (InputStream in = ctx.req().getInputStream()) {
            if (ctx.req().getContentLengthLong() > maxBodyBytes) {
                throw tooLarge(in);
            }
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                throw tooLarge(in);
            }
            return body;
        } catch (IOException e) {
            if (e.getCause() instanceof TimeoutException) {
                throw tooSlow(); // nothing arrived for gateway.http.idle.timeout
            }
            throw new RejectedRequest(400, "unreadable_body", "The body could not be read");
        } catch (BadMessageException e) {
            // Jetty's gateway.http.min.request.data.rate (408), or a malformed chunked body (400)
            throw e.getCode() == 408 ? tooSlow() : new RejectedRequest(400, "unreadable_body",
                    "The body could not be read");
        }
    }

    private static RejectedRequest tooSlow() {
        return new RejectedRequest(408, "too_slow", "The body arrived too slowly");
    }

    /**
     * Reads and drops what the client is still sending (at most {@value #DRAIN_LIMIT_BYTES} bytes) before the 413:
     * a connection closed with unread bytes is reset, and the client may then lose the answer (seen in GatewayIT).
     */
    private RejectedRequest tooLarge(InputStream in) throws IOException {
        byte[] buffer = new byte[8192];
        long left = DRAIN_LIMIT_BYTES;
        int read;
        while (left > 0 && (read = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0) {
            left -= read;
        }
        return tooLarge();
    }

    private static Map<String, List<String>> decodeForm(byte[] body) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return form;
        }
        try {
            for (String pair : text.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                form.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        } catch (IllegalArgumentException e) {
            throw new RejectedRequest(400, "malformed_form", "The form body is not valid URL encoding");
        }
        return form;
    }
}
