package be.petition.identity;

import be.petition.avro.IdentityKind;
import java.util.regex.Pattern;

/**
 * A normalised identity, as the text the signer key is made from: {@code tel:+32470123456},
 * {@code mailto:jan@mail.be} or {@code app:<install id>}. Never logged, never sent anywhere.
 */
public record Identity(IdentityKind kind, String canonical) {
    private static final Pattern INSTALL_ID = Pattern.compile("[A-Za-z0-9._:-]{8,128}");

    public static Identity phone(Phone phone) {
        return new Identity(IdentityKind.PHONE, "tel:" + phone.e164());
    }

    public static Identity phone(String raw) {
        return phone(PhoneNumbers.normalise(raw));
    }

    public static Identity email(String raw) {
        return new Identity(IdentityKind.EMAIL, "mailto:" + EmailAddresses.normalise(raw));
    }

    public static Identity appInstall(String installId) {
        if (installId == null || !INSTALL_ID.matcher(installId.trim()).matches()) {
            throw new InvalidIdentityException("must be 8 to 128 letters, digits or . _ : -");
        }
        return new Identity(IdentityKind.APP_INSTALL, "app:" + installId.trim());
    }

    @Override
    public String toString() {
        return "Identity[" + kind + "]"; // never the value
    }
}
