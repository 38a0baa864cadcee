package be.petition.gateway;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One GreenMail (real SMTP and IMAP on free ports) per test JVM, and the gateway settings that point at it. */
public final class TestMail {
    public static final String CONFIRM_KEY = "test-confirmation-key-0123456789";
    private static final Pattern LINK = Pattern.compile("(https?://\\S+/v1/confirm\\?token=([A-Za-z0-9_.-]+))");
    private static GreenMail server;

    private TestMail() {
    }

    public static synchronized GreenMail server() {
        if (server == null) {
            server = new GreenMail(new ServerSetup[] {
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort(),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP).dynamicPort()})
                    .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
            server.start();
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop));
        }
        return server;
    }

    /** The confirmation key and the SMTP server, as a deployment's gateway.properties would set them. */
    public static Map<String, String> gatewaySettings() {
        return Map.of("confirm.key", CONFIRM_KEY, "mail.smtp.host", "127.0.0.1",
                "mail.smtp.port", Integer.toString(server().getSmtp().getPort()), "mail.smtp.starttls", "false");
    }

    /** The mails the server holds for this address, oldest first. */
    static List<MimeMessage> mailsTo(String address) {
        return server().findReceivedMessages(user -> user.getEmail().equalsIgnoreCase(address), message -> true)
                .toList();
    }

    static String text(MimeMessage mail) {
        try {
            return (String) mail.getContent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The confirmation link in a mail's text. */
    static String link(MimeMessage mail) {
        Matcher matcher = LINK.matcher(text(mail));
        if (!matcher.find()) {
            throw new AssertionError("No confirmation link in the mail:\n" + text(mail));
        }
        return matcher.group(1);
    }

    static String token(String link) {
        return link.substring(link.indexOf("token=") + "token=".length());
    }
}
