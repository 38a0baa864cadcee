package be.petition.simulator;

import be.petition.config.ServiceConfig;
import java.time.Duration;

/**
 * How simulated signers treat confirmation mails ({@code simulate.confirm.*}), and where they read them
 * ({@code simulate.mail.imap.*}; no port: nobody reads them, so nothing pending is ever confirmed).
 */
record ConfirmSettings(String imapHost, int imapPort, double neverShare, double twiceShare, Duration maxDelay) {

    static ConfirmSettings from(ServiceConfig config) {
        String port = config.string("simulate.mail.imap.port", "").trim();
        return new ConfirmSettings(config.string("simulate.mail.imap.host"), port.isEmpty() ? 0 : Integer.parseInt(port),
                share(config, "simulate.confirm.never"), share(config, "simulate.confirm.twice"),
                config.duration("simulate.confirm.delay.max"));
    }

    boolean readsMail() {
        return imapPort > 0;
    }

    private static double share(ServiceConfig config, String key) {
        String value = config.string(key).trim();
        try {
            double share = Double.parseDouble(value);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // explained below
        }
        throw new IllegalArgumentException("Setting \"" + key + "\" is a share between 0 and 1, not \"" + value + "\"");
    }
}
