package be.petition.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.Locale;
import java.util.Set;

/** Phone numbers in any common notation to E.164; numbers without a country code are read as Belgian. */
public final class PhoneNumbers {
    public static final String DEFAULT_REGION = "BE";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final int MAX_LENGTH = 40;

    /**
     * What telephony providers put in {@code From} for a hidden caller id: words, or Twilio's keypad spellings
     * of ANONYMOUS, RESTRICTED, UNAVAILABLE and BLOCKED (real-looking numbers that belong to nobody).
     */
    private static final Set<String> WITHHELD = Set.of("", "anonymous", "restricted", "private", "unknown",
            "unavailable", "blocked", "withheld", "+266696687", "+7378742833", "+86282452253", "+2562533");

    private PhoneNumbers() {
    }

    /** Normalises a phone number, e.g. {@code 0470 12 34 56}, {@code 0032 470..}, {@code (02) 123 45 67}, {@code +33 6..}. */
    public static Phone normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new InvalidIdentityException("is empty");
        }
        if (raw.length() > MAX_LENGTH) {
            throw new InvalidIdentityException("is longer than " + MAX_LENGTH + " characters");
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(raw.trim(), DEFAULT_REGION);
        } catch (NumberParseException e) {
            throw new InvalidIdentityException("is not a phone number");
        }
        if (!UTIL.isValidNumber(number)) {
            throw new InvalidIdentityException("is not a valid phone number (with its country code, e.g. +32 470 12 34 56)");
        }
        // The extension and the raw input are dropped: the person is the number.
        PhoneNumber plain = new PhoneNumber().setCountryCode(number.getCountryCode())
                .setNationalNumber(number.getNationalNumber());
        if (number.hasItalianLeadingZero()) {
            plain.setItalianLeadingZero(true).setNumberOfLeadingZeros(number.getNumberOfLeadingZeros());
        }
        return new Phone(UTIL.format(plain, PhoneNumberFormat.E164), plain);
    }

    /** Whether a caller id is hidden (the call cannot be tied to a person). */
    public static boolean isWithheld(String from) {
        return from == null || WITHHELD.contains(from.trim().toLowerCase(Locale.ROOT));
    }
}
