package be.petition.gateway;

import be.petition.config.ServiceConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends confirmation mails over SMTP (Jakarta Mail) from a bounded queue, on threads of its own: a request thread
 * only queues. Each mail gets {@code mail.send.attempts} tries with a doubling pause between them; one that still
 * fails is a metric and a log line that never names the address.
 */
final class ConfirmationMailer implements AutoCloseable {
    static final String SMTP_HOST = "mail.smtp.host";
    static final String SMTP_PORT = "mail.smtp.port";
    static final String STARTTLS = "mail.smtp.starttls";
    static final String USER = "mail.smtp.user";
    static final String PASSWORD = "mail.smtp.password";
    static final String FROM = "mail.from";
    static final String TIMEOUT = "mail.timeout";
    static final String QUEUE = "mail.queue.capacity";
    static final String THREADS = "mail.send.threads";
    static final String ATTEMPTS = "mail.send.attempts";
    static final String BACKOFF = "mail.retry.backoff";

    private static final Logger LOG = LoggerFactory.getLogger(ConfirmationMailer.class);
    /** Server answers may quote the recipient ("550 5.1.1 <jan@mail.be>: unknown"): never log them as they are. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"(),;:]+@[^\\s<>\"(),;:]+");

    /** One mail to send; {@code kind} is for the log (never the address). */
    record Mail(String to, String subject, String text, String kind) {
    }

    private final Session session;
    private final InternetAddress from;
    private final String user;
    private final String password;
    private final int attempts;
    private final Duration backoff;
    private final ConfirmationMetrics metrics;
    private final ThreadPoolExecutor senders;

    ConfirmationMailer(Session session, InternetAddress from, String user, String password, int queueCapacity,
                       int threads, int attempts, Duration backoff, ConfirmationMetrics metrics) {
        this.session = session;
        this.from = from;
        this.user = user;
        this.password = password;
        this.attempts = attempts;
        this.backoff = backoff;
        this.metrics = metrics;
        this.senders = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueCapacity), runnable -> {
                    Thread thread = new Thread(runnable, "gateway-mail");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    static ConfirmationMailer fromConfig(ServiceConfig config, ConfirmationMetrics metrics) {
        Properties props = new Properties();
        String timeout = Long.toString(config.duration(TIMEOUT).toMillis());
        props.put("mail.smtp.host", config.string(SMTP_HOST));
        props.put("mail.smtp.port", Integer.toString(config.integer(SMTP_PORT)));
        boolean starttls = config.bool(STARTTLS);
        props.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        props.put("mail.smtp.starttls.required", Boolean.toString(starttls));
        props.put("mail.smtp.connectiontimeout", timeout);
        props.put("mail.smtp.timeout", timeout);
        props.put("mail.smtp.writetimeout", timeout);
        String user = config.string(USER, "");
        String password = null;
        if (!user.isBlank()) {
            props.put("mail.smtp.auth", "true");
            password = config.secret(PASSWORD);
        }
        InternetAddress from;
        try {
            from = new InternetAddress(config.string(FROM), true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("Setting \"" + FROM + "\" must be an address such as"
                    + " \"Child Focus <petition@example.org>\": " + e.getMessage(), e);
        }
        int attempts = config.integer(ATTEMPTS);
        int capacity = config.integer(QUEUE);
        int threads = config.integer(THREADS);
        if (attempts < 1 || capacity < 1 || threads < 1) {
            throw new IllegalArgumentException("Settings \"" + ATTEMPTS + "\", \"" + QUEUE + "\" and \"" + THREADS
                    + "\" must be at least 1");
        }
        return new ConfirmationMailer(Session.getInstance(props), from, user.isBlank() ? null : user, password,
                capacity, threads, attempts, config.duration(BACKOFF), metrics);
    }

    /** Queues the mail; false when the queue is full (the caller answers 503 and nothing was promised). */
    boolean offer(Mail mail) {
        try {
            senders.execute(() -> send(mail));
        } catch (RejectedExecutionException e) {
            return false;
        }
        metrics.mailQueue.inc();
        return true;
    }

    private void send(Mail mail) {
        try {
            for (int attempt = 1; attempt <= attempts; attempt++) {
                try {
                    Transport.send(message(mail), user, password);
                    metrics.mails.labelValues("sent").inc();
                    return;
                } catch (MessagingException e) {
                    if (attempt == attempts) {
                        metrics.mails.labelValues("failed").inc();
                        LOG.warn("A {} confirmation mail could not be sent after {} attempts: {}", mail.kind(),
                                attempts, withoutAddresses(e));
                        return;
                    }
                    metrics.mails.labelValues("retried").inc();
                    // A pause on this mail thread, never on a request thread: the next tries get a calmer server.
                    Thread.sleep(backoff.toMillis() << (attempt - 1));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            metrics.mails.labelValues("failed").inc();
        } finally {
            metrics.mailQueue.dec();
        }
    }

    private MimeMessage message(Mail mail) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), false));
        message.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
        message.setText(mail.text(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        return message;
    }

    /**
     * The failure and its causes (a MessagingException's cause is its next exception), every address replaced:
     * enough to tell a refused login from a dead server.
     */
    static String withoutAddresses(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = error; cause != null && text.length() < 500; cause = cause.getCause()) {
            text.append(text.length() == 0 ? "" : "; caused by ").append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                text.append(": ").append(ADDRESS.matcher(cause.getMessage().strip()).replaceAll("<address>"));
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        senders.shutdownNow();
    }
}
