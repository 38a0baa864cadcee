package be.petition.launcher;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The mail server of `petition up`: GreenMail, a real SMTP and IMAP server in this process, so confirmation mails
 * go somewhere readable without any account. Every address gets a mailbox when its first mail arrives; IMAP takes
 * the address as user with any password. Mails are kept in memory only.
 */
final class MailServer implements AutoCloseable {
    static final String SMTP_PORT = "mail.server.smtp.port";
    static final String IMAP_PORT = "mail.server.imap.port";
    static final int DEFAULT_SMTP_PORT = 3025;
    static final int DEFAULT_IMAP_PORT = 3143;

    private final GreenMail greenMail;
    private final String host;

    private MailServer(GreenMail greenMail, String host) {
        this.greenMail = greenMail;
        this.host = host;
    }

    /** Port 0 picks a free one. */
    static MailServer start(String host, int smtpPort, int imapPort) {
        GreenMail greenMail = new GreenMail(new ServerSetup[] {setup(smtpPort, host, ServerSetup.PROTOCOL_SMTP),
                setup(imapPort, host, ServerSetup.PROTOCOL_IMAP)})
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        try {
            greenMail.start();
        } catch (RuntimeException e) {
            greenMail.stop();
            throw new IllegalStateException("The mail server cannot listen on " + host + ":" + smtpPort + " (SMTP) and "
                    + imapPort + " (IMAP): " + e.getMessage() + ". Set " + SMTP_PORT + " and " + IMAP_PORT
                    + " to free ports, or 0 for any.", e);
        }
        return new MailServer(greenMail, host);
    }

    private static ServerSetup setup(int port, String host, String protocol) {
        ServerSetup setup = new ServerSetup(port, host, protocol);
        return port == 0 ? setup.dynamicPort() : setup;
    }

    String host() {
        return host;
    }

    int smtpPort() {
        return greenMail.getSmtp().getPort();
    }

    int imapPort() {
        return greenMail.getImap().getPort();
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
