package be.petition.identity;

import java.util.Locale;
import java.util.regex.Pattern;

/** E-mail addresses trimmed, lower-cased and without a {@code +tag}, so {@code Jan.Peeters+glenn@Mail.be} is {@code jan.peeters@mail.be}. */
public final class EmailAddresses {
    private static final int MAX_LENGTH = 254;
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9!#$%&'*/=?^_`{|}~.+-]{1,64}");
    private static final Pattern DOMAIN =
            Pattern.compile("(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private EmailAddresses() {
    }

    public static String normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentityException("is empty");
        }
        String address = raw.trim().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_LENGTH) {
            throw new InvalidIdentityException("is longer than " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at != address.indexOf('@') || at == address.length() - 1) {
            throw new InvalidIdentityException("is not an e-mail address (name@domain)");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!LOCAL.matcher(local).matches() || local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new InvalidIdentityException("has an invalid part before the @");
        }
        if (!DOMAIN.matcher(domain).matches()) {
            throw new InvalidIdentityException("has an invalid domain after the @");
        }
        int plus = local.indexOf('+');
        if (plus == 0) {
            throw new InvalidIdentityException("has an invalid part before the @");
        }
        if (plus > 0) {
            local = local.substring(0, plus);
        }
        return local + "@" + domain;
    }
}
