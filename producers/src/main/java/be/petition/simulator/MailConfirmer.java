package be.petition.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What simulated web signers do with the confirmation mail: they read it from their mailbox over IMAP, and some never
 * press the button, most do after a while, some press it twice. Pressing is what a browser does: GET the link, then
 * POST the page's form. Until it is settled the request stays under way; the listener then hears the confirmed
 * event (id and time), or 2xx without an event for a mail never confirmed.
 */
final class MailConfirmer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("https?://\\S+/v1/confirm\\?token=[A-Za-z0-9_.-]+");
    private static final Pattern FORM = Pattern.compile(
            "<form method=\"post\" action=\"([^\"]+)\"><input type=\"hidden\" name=\"token\" value=\"([^\"]+)\"");
    /** How long a mail may take to arrive before the request counts as failed. */
    private static final long MAIL_DEADLINE_MS = 60_000;
    private static final long POLL_MS = 100;

    private final ConfirmSettings settings;
    private final Session session = Session.getInstance(new Properties());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Random random;
    private final ScheduledExecutorService signers = Executors.newScheduledThreadPool(4, runnable -> {
        Thread thread = new Thread(runnable, "simulator-mail");
        thread.setDaemon(true);
        return thread;
    });

    MailConfirmer(ConfirmSettings settings, long seed) {
        this.settings = settings;
        this.random = new Random(seed ^ 0x6d61696cL);
    }

    /** The gateway answered "pending" for this request: its signer will see to the mail. */
    void pending(Planned planned, Transport.Listener listener) {
        boolean never;
        boolean twice;
        long delay;
        synchronized (random) {
            never = random.nextDouble() < settings.neverShare();
            twice = random.nextDouble() < settings.twiceShare();
            delay = (long) (random.nextDouble() * settings.maxDelay().toMillis());
        }
        String address = planned.identity().substring("mailto:".length());
        long deadline = System.currentTimeMillis() + delay + MAIL_DEADLINE_MS;
        signers.schedule(() -> read(planned, listener, address, never, twice, deadline), never ? 0 : delay,
                TimeUnit.MILLISECONDS);
    }

    private void read(Planned planned, Transport.Listener listener, String address, boolean never, boolean twice,
                      long deadline) {
        try {
            String link = takeMail(address);
            if (link == null) {
                if (System.currentTimeMillis() > deadline) {
                    listener.answered(planned, -1, null, 0);
                } else {
                    signers.schedule(() -> read(planned, listener, address, never, twice, deadline), POLL_MS,
                            TimeUnit.MILLISECONDS);
                }
            } else if (never) {
                listener.answered(planned, 202, null, 0);
            } else {
                press(planned, listener, link, twice);
            }
        } catch (Exception e) {
            listener.answered(planned, -1, null, 0);
        }
    }

    /**
     * The oldest mail in the signer's mailbox, deleted once read: a signer has one request under way at a time, so
     * it is that request's mail. Null when none has arrived yet.
     */
    private String takeMail(String address) throws Exception {
        Store store = session.getStore("imap");
        store.connect(settings.imapHost(), settings.imapPort(), address, "simulator");
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            if (inbox.getMessageCount() == 0) {
                inbox.close(false);
                return null;
            }
            Message mail = inbox.getMessage(1);
            Matcher link = LINK.matcher(String.valueOf(mail.getContent()));
            mail.setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
            if (!link.find()) {
                throw new IllegalStateException("A confirmation mail without a link");
            }
            return link.group();
        } finally {
            store.close();
        }
    }

    /** GET the page, POST its form (twice when the signer double-clicks): the earliest click is the event's time. */
    private void press(Planned planned, Transport.Listener listener, String link, boolean twice) throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(link)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher form = FORM.matcher(page.body());
        if (page.statusCode() != 200 || !form.find()) {
            listener.answered(planned, page.statusCode() == 200 ? -1 : page.statusCode(), null, 0);
            return;
        }
        URI action = URI.create(link).resolve(form.group(1));
        String body = "token=" + URLEncoder.encode(form.group(2), StandardCharsets.UTF_8);
        JsonNode first = post(action, body);
        if (first == null) {
            listener.answered(planned, -1, null, 0);
            return;
        }
        String eventId = first.path("eventId").asText();
        long time = Instant.parse(first.path("eventTime").asText()).toEpochMilli();
        if (twice) {
            JsonNode second = post(action, body);
            if (second == null || !second.path("eventId").asText().equals(eventId)) {
                listener.answered(planned, -1, null, 0); // the gateway must not make a second event of it
                return;
            }
            time = Math.min(time, Instant.parse(second.path("eventTime").asText()).toEpochMilli());
        }
        listener.answered(planned, 202, eventId, time);
    }

    private JsonNode post(URI action, String body) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(action)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode() == 202 ? JSON.readTree(answer.body()) : null;
    }

    @Override
    public void close() {
        signers.shutdownNow();
    }
}
