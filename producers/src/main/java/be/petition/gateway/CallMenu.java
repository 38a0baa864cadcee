package be.petition.gateway;

import be.petition.config.ServiceConfig;
import be.petition.identity.InvalidIdentityException;
import be.petition.identity.PhoneNumbers;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What callers hear after the message: the menu ("press 9 to withdraw your signature") and its answers, in the
 * language of the number they dialled ({@code telephony.languages}), else {@code telephony.default.language},
 * else Dutch and French.
 */
final class CallMenu {
    static final String LANGUAGES = "telephony.languages";
    static final String DEFAULT_LANGUAGE = "telephony.default.language";
    static final String WITHDRAW_DIGIT = "9";

    enum Voice {
        NL("nl-BE", "Om uw handtekening in te trekken, druk op 9.", "Uw handtekening is ingetrokken. Bedankt.",
                "Er is niets gewijzigd.", "Uw nummer is afgeschermd, dus er is niets gewijzigd."),
        FR("fr-BE", "Pour retirer votre signature, appuyez sur 9.", "Votre signature a été retirée. Merci.",
                "Rien n'a été modifié.", "Votre numéro est masqué, donc rien n'a été modifié.");

        final String locale;
        final String offer;
        final String withdrawn;
        final String nothingChanged;
        final String noCallerId;

        Voice(String locale, String offer, String withdrawn, String nothingChanged, String noCallerId) {
            this.locale = locale;
            this.offer = offer;
            this.withdrawn = withdrawn;
            this.nothingChanged = nothingChanged;
            this.noCallerId = noCallerId;
        }
    }

    private final Map<String, Voice> byNumber;
    private final List<Voice> fallback;

    /**
     * @param byNumber language by dialled number, E.164
     * @param defaultVoice for numbers not in the map; null: every voice
     */
    CallMenu(Map<String, Voice> byNumber, Voice defaultVoice) {
        this.byNumber = Map.copyOf(byNumber);
        this.fallback = defaultVoice == null ? List.of(Voice.values()) : List.of(defaultVoice);
    }

    /** {@code telephony.languages=+3278151515=nl,+3278151516=fr} and {@code telephony.default.language=nl|fr|}. */
    static CallMenu fromConfig(ServiceConfig config) {
        Map<String, Voice> byNumber = new LinkedHashMap<>();
        for (String entry : config.string(LANGUAGES, "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.lastIndexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("Setting \"" + LANGUAGES + "\" lists number=language pairs, e.g."
                        + " +3278151515=nl,+3278151516=fr; \"" + entry.trim() + "\" has no =");
            }
            String number;
            try {
                number = PhoneNumbers.normalise(entry.substring(0, eq).trim()).e164();
            } catch (InvalidIdentityException e) {
                throw new IllegalArgumentException("Setting \"" + LANGUAGES + "\": \"" + entry.substring(0, eq).trim()
                        + "\" " + e.getMessage(), e);
            }
            byNumber.put(number, voice(LANGUAGES, entry.substring(eq + 1)));
        }
        String defaultLanguage = config.string(DEFAULT_LANGUAGE, null);
        return new CallMenu(byNumber, defaultLanguage == null ? null : voice(DEFAULT_LANGUAGE, defaultLanguage));
    }

    private static Voice voice(String setting, String language) {
        return switch (language.trim().toLowerCase(Locale.ROOT)) {
            case "nl" -> Voice.NL;
            case "fr" -> Voice.FR;
            default -> throw new IllegalArgumentException("Setting \"" + setting + "\": the call menu speaks nl or fr,"
                    + " not \"" + language.trim() + "\"");
        };
    }

    /** The voices for a call to {@code dialled} (the provider's {@code To}, null when it gave none). */
    List<Voice> voicesFor(String dialled) {
        if (dialled != null && !dialled.isBlank()) {
            try {
                Voice voice = byNumber.get(PhoneNumbers.normalise(dialled).e164());
                if (voice != null) {
                    return List.of(voice);
                }
            } catch (InvalidIdentityException e) {
                // an unknown number: the default voices
            }
        }
        return fallback;
    }

    /** The menu, for the voice webhook: one digit, posted to {@code actionUrl}. */
    String offer(String actionUrl, String dialled) {
        return "<Gather numDigits=\"1\" action=\"" + xml(actionUrl) + "\" method=\"POST\">"
                + say(dialled, v -> v.offer) + "</Gather>";
    }

    /** A whole TwiML document saying, in the call's languages, the text {@code text} picks. */
    String answer(String dialled, Function<Voice, String> text) {
        return document(say(dialled, text));
    }

    static String document(String verbs) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>" + verbs + "</Response>";
    }

    private String say(String dialled, Function<Voice, String> text) {
        StringBuilder verbs = new StringBuilder();
        for (Voice voice : voicesFor(dialled)) {
            verbs.append("<Say language=\"").append(voice.locale).append("\">").append(xml(text.apply(voice)))
                    .append("</Say>");
        }
        return verbs.toString();
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
