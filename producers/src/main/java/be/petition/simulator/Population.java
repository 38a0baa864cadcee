package be.petition.simulator;

import be.petition.avro.Language;
import be.petition.geography.Regions;
import be.petition.identity.InvalidIdentityException;
import be.petition.identity.Phone;
import be.petition.identity.PhoneNumbers;
import be.petition.region.PhoneRegions;
import be.petition.region.PostalCodes;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Makes people: where they live (by Belgian population), their numbers, e-mail addresses and languages. */
final class Population {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

    /** Inhabitants per region, thousands (Statbel, 1 January 2023). */
    private static final List<Weighted<String>> PROVINCES = List.of(
            new Weighted<>(Regions.ANTWERP, 1926), new Weighted<>(Regions.EAST_FLANDERS, 1562),
            new Weighted<>(Regions.WEST_FLANDERS, 1226), new Weighted<>(Regions.FLEMISH_BRABANT, 1173),
            new Weighted<>(Regions.LIMBURG, 887), new Weighted<>(Regions.BRUSSELS, 1241),
            new Weighted<>(Regions.HAINAUT, 1357), new Weighted<>(Regions.LIEGE, 1119),
            new Weighted<>(Regions.WALLOON_BRABANT, 411), new Weighted<>(Regions.NAMUR, 504),
            new Weighted<>(Regions.LUXEMBOURG, 293));
    private static final List<Weighted<String>> ABROAD = List.of(new Weighted<>("FR", 35), new Weighted<>("NL", 30),
            new Weighted<>("DE", 10), new Weighted<>("LU", 10), new Weighted<>("GB", 10), new Weighted<>("ES", 5));
    private static final List<String> FIRST = List.of("jan", "marie", "lucas", "emma", "noah", "louise", "arthur",
            "olivia", "liam", "elise", "thomas", "sarah", "mohamed", "fatima", "pieter", "anne", "kevin", "lotte");
    private static final List<String> LAST = List.of("peeters", "janssens", "maes", "jacobs", "dubois", "lambert",
            "dupont", "martin", "claes", "wouters", "mertens", "willems", "goossens", "leroy", "schmitz", "elmansouri");
    private static final List<String> DOMAINS = List.of("telenet.be", "skynet.be", "proximus.be", "gmail.com",
            "hotmail.com", "outlook.com", "yahoo.fr", "icloud.com");

    record Weighted<T>(T value, double weight) {
    }

    /** How many validated numbers per kind ("mobile", or a province's landlines) new Belgian numbers vary. */
    private static final int TEMPLATES = 24;
    private static final int KEPT_DIGITS = 3;

    private final Random random;
    private final Map<String, List<String>> templates = new HashMap<>();
    private final NumbersInUse numbersInUse = new NumbersInUse();
    private final Map<String, List<int[]>> postalRanges = new HashMap<>();
    private final double mobileShare;
    private final double foreignShare;
    private int next;

    Population(Random random, double mobileShare, double foreignShare) {
        this.random = random;
        this.mobileShare = mobileShare;
        this.foreignShare = foreignShare;
    }

    /** Someone living in Belgium, with a landline in their province or a mobile, or someone calling from abroad. */
    Person caller() {
        double u = random.nextDouble();
        if (u < foreignShare) {
            String country = pick(ABROAD);
            Phone phone = PhoneNumbers.normalise(unused(() -> number(country, PhoneNumberType.MOBILE)));
            return new Person(next++, phone.e164(), PhoneRegions.regionOf(phone.parsed()), null, null, email(),
                    installId(), foreignLanguage(country));
        }
        String province = pick(PROVINCES);
        boolean mobile = u < foreignShare + mobileShare;
        String phone = unused(() -> mobile ? belgianMobile() : landline(province));
        return new Person(next++, phone, mobile ? Regions.BELGIUM : province, province, postalCode(province), email(),
                installId(), language(province));
    }

    /** Someone in Belgium signing online: a postal code, an e-mail address, a mobile number. */
    Person resident() {
        String province = pick(PROVINCES);
        return new Person(next++, unused(this::belgianMobile), Regions.BELGIUM, province, postalCode(province), email(),
                installId(), language(province));
    }

    /**
     * A number no one drawn before has: every person is a new identity (the ground truth's "SIGNATURE" is a new
     * signer), and random digits repeat within a few thousand people. Numbers are remembered as 64-bit hashes.
     */
    private String unused(Supplier<String> draw) {
        for (int attempt = 0; attempt < 100; attempt++) {
            String e164 = draw.get();
            if (numbersInUse.add(hash64(e164))) {
                return e164;
            }
        }
        throw new IllegalStateException("No unused phone number left after 100 draws: the simulated population is"
                + " too large for its numbering templates");
    }

    private static long hash64(String text) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    /** A phone number written the way people type it ({@code style} picks how); E.164 for foreign numbers. */
    static String written(String e164, int style) {
        PhoneNumber number = PhoneNumbers.normalise(e164).parsed();
        if (number.getCountryCode() != 32) {
            return (style & 4) == 0 ? e164 : UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
        }
        return switch (((style >>> 2) & 7) % 5) {
            case 0 -> e164;
            case 1 -> UTIL.format(number, PhoneNumberFormat.INTERNATIONAL);
            case 2 -> "00" + e164.substring(1);
            case 3 -> UTIL.format(number, PhoneNumberFormat.NATIONAL).replace(' ', '.');
            default -> UTIL.format(number, PhoneNumberFormat.NATIONAL);
        };
    }

    <T> T pick(List<Weighted<T>> choices) {
        double total = 0;
        for (Weighted<T> choice : choices) {
            total += choice.weight();
        }
        double u = random.nextDouble() * total;
        for (Weighted<T> choice : choices) {
            u -= choice.weight();
            if (u < 0) {
                return choice.value();
            }
        }
        return choices.get(choices.size() - 1).value();
    }

    private String belgianMobile() {
        return belgian("mobile", this::validatedMobile);
    }

    private String landline(String province) {
        return belgian(province, () -> validatedLandline(province));
    }

    /**
     * A Belgian number from one of a few numbers libphonenumber validated, with all but its first three national
     * digits drawn again: Belgium's numbering plan (and so a number's type and zone) is decided by at most three
     * digits, and validating every number would cost more than everything else the simulator does for a request.
     */
    private String belgian(String kind, Supplier<String> validated) {
        List<String> list = templates.computeIfAbsent(kind, k -> new ArrayList<>());
        if (list.size() < TEMPLATES) {
            String e164 = validated.get();
            list.add(e164);
            return e164;
        }
        String template = list.get(random.nextInt(list.size()));
        StringBuilder e164 = new StringBuilder(template.length()).append(template, 0, 3 + KEPT_DIGITS);
        while (e164.length() < template.length()) {
            e164.append((char) ('0' + random.nextInt(10)));
        }
        return e164.toString();
    }

    private String validatedLandline(String province) {
        List<String> zones = PhoneRegions.zonesOf(province);
        return validated(() -> "+32" + zones.get(random.nextInt(zones.size())), 8, PhoneNumberType.FIXED_LINE, province);
    }

    /** Mobiles start with 4 and have nine national digits; drawing them widely keeps people's numbers apart. */
    private String validatedMobile() {
        return validated(() -> "+324", 9, PhoneNumberType.MOBILE, Regions.BELGIUM);
    }

    private String validated(Supplier<String> prefix, int nationalDigits, PhoneNumberType wanted, String region) {
        for (int attempt = 0; attempt < 1000; attempt++) {
            StringBuilder digits = new StringBuilder(prefix.get());
            while (digits.length() < 3 + nationalDigits) {
                digits.append(random.nextInt(10));
            }
            try {
                Phone phone = PhoneNumbers.normalise(digits.toString());
                if (UTIL.getNumberType(phone.parsed()) == wanted && PhoneRegions.regionOf(phone.parsed()).equals(region)) {
                    return phone.e164();
                }
            } catch (InvalidIdentityException e) {
                // try other digits
            }
        }
        throw new IllegalStateException("No " + wanted + " number found for " + region);
    }

    /** A valid number of the country: the example number of libphonenumber with other last digits. */
    private String number(String country, PhoneNumberType type) {
        PhoneNumber example = UTIL.getExampleNumberForType(country, type);
        String national = Long.toString(example.getNationalNumber());
        for (int attempt = 0; attempt < 100; attempt++) {
            StringBuilder digits = new StringBuilder(national.substring(0, Math.min(3, national.length())));
            while (digits.length() < national.length()) {
                digits.append(random.nextInt(10));
            }
            String e164 = "+" + example.getCountryCode() + digits;
            try {
                Phone phone = PhoneNumbers.normalise(e164);
                if (UTIL.getNumberType(phone.parsed()) == type || UTIL.getNumberType(phone.parsed()) == PhoneNumberType.FIXED_LINE_OR_MOBILE) {
                    return phone.e164();
                }
            } catch (InvalidIdentityException e) {
                // try other digits
            }
        }
        return UTIL.format(example, PhoneNumberFormat.E164);
    }

    private String postalCode(String province) {
        List<int[]> ranges = postalRanges.computeIfAbsent(province, PostalCodes::rangesOf);
        int[] range = ranges.get(random.nextInt(ranges.size()));
        // Postal codes are mostly round tens within a range.
        int code = range[0] + random.nextInt((range[1] - range[0]) / 10 + 1) * 10;
        return Integer.toString(Math.min(code, range[1]));
    }

    private String email() {
        return FIRST.get(random.nextInt(FIRST.size())) + "." + LAST.get(random.nextInt(LAST.size()))
                + (next * 7919L + random.nextInt(1000)) + "@" + DOMAINS.get(random.nextInt(DOMAINS.size()));
    }

    private String installId() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private Language language(String province) {
        double u = random.nextDouble();
        return switch (province) {
            case Regions.BRUSSELS -> u < 0.75 ? Language.FR : u < 0.92 ? Language.NL : Language.EN;
            case Regions.LIEGE -> u < 0.90 ? Language.FR : u < 0.98 ? Language.DE : Language.NL;
            case Regions.HAINAUT, Regions.NAMUR, Regions.LUXEMBOURG, Regions.WALLOON_BRABANT ->
                    u < 0.97 ? Language.FR : u < 0.99 ? Language.NL : Language.EN;
            default -> u < 0.97 ? Language.NL : u < 0.99 ? Language.FR : Language.EN;
        };
    }

    private Language foreignLanguage(String country) {
        return switch (country) {
            case "FR", "LU" -> Language.FR;
            case "NL" -> Language.NL;
            case "DE" -> Language.DE;
            default -> Language.EN;
        };
    }
}
