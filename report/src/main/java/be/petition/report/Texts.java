package be.petition.report;

import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The report's words and number/date formats in one language, Belgian conventions: {@code 37 274} and
 * {@code 18 novembre 2023} in French, {@code 37.274} and {@code 18 november 2023} in Dutch.
 */
public final class Texts {
    /** French groups thousands with a no-break space, so a number never wraps across lines. */
    public static final char FRENCH_GROUPING = '\u00a0';

    /** Marks a count hidden to protect a small one (the legend explains it). */
    public static final String SECONDARY_MARK = "*";

    private final String language;
    private final Locale locale;
    private final ResourceBundle bundle;
    private final DecimalFormat integer;
    private final DecimalFormat decimal;
    private final DateTimeFormatter date;
    private final DateTimeFormatter shortDate;
    private final DateTimeFormatter weekday;

    private Texts(String language) {
        this.language = language;
        this.locale = Locale.forLanguageTag(language + "-BE");
        this.bundle = ResourceBundle.getBundle("report.messages", Locale.forLanguageTag(language),
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(Locale.ROOT);
        symbols.setGroupingSeparator(switch (language) {
            case "fr" -> FRENCH_GROUPING;
            case "en" -> ',';
            default -> '.';
        });
        symbols.setDecimalSeparator(language.equals("en") ? '.' : ',');
        symbols.setMinusSign('\u2212');
        this.integer = new DecimalFormat("#,##0", symbols);
        this.decimal = new DecimalFormat("#,##0.0", symbols);
        decimal.setRoundingMode(RoundingMode.HALF_UP);
        this.date = DateTimeFormatter.ofPattern(language.equals("de") ? "d. MMMM uuuu" : "d MMMM uuuu", locale);
        // with the year: a chart of a campaign that runs across New Year must not be ambiguous
        this.shortDate = DateTimeFormatter.ofPattern(language.equals("de") ? "d.M.uuuu" : "d/M/uuuu", locale);
        this.weekday = DateTimeFormatter.ofPattern("EEEE", locale);
    }

    public static Texts of(String language) {
        return new Texts(language);
    }

    public String language() {
        return language;
    }

    /** The message with {@code {0}}, {@code {1}}... replaced (not MessageFormat: French apostrophes stay). */
    public String t(String key, Object... args) {
        String text;
        try {
            text = bundle.getString(key);
        } catch (MissingResourceException e) {
            throw new IllegalStateException("report/messages_" + language + ".properties has no '" + key + "'", e);
        }
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }

    public String number(long value) {
        return integer.format(value);
    }

    /** {@code +1 234} or {@code −56}. */
    public String signed(long value) {
        return (value > 0 ? "+" : "") + integer.format(value);
    }

    /** {@code +12,5 %} in French, {@code +12,5%} otherwise. */
    public String percent(double value) {
        return (value > 0 ? "+" : "") + decimal.format(value) + (language.equals("fr") ? "\u00a0%" : "%");
    }

    /**
     * An area's weekly count under the small-count rule: {@code < 10} below the minimum, {@code *} when hidden only so
     * that a small count cannot be worked out from the others.
     */
    public String areaCount(WeeklyReport report, String area, long count) {
        if (!report.isHidden(area)) {
            return number(count);
        }
        return count < report.minCount() ? "< " + number(report.minCount()) : SECONDARY_MARK;
    }

    public String date(LocalDate day) {
        return date.format(day);
    }

    public String shortDate(LocalDate day) {
        return shortDate.format(day);
    }

    public String weekday(LocalDate day) {
        return weekday.format(day);
    }

    /** The name of a province, region, channel... ({@code area.BE-VAN}, {@code channel.call}). */
    public String area(String code) {
        return t("area." + code);
    }

    /** The help lines printed on every report (Child Focus, and the suicide prevention line(s) of the language). */
    public List<String> helpLines() {
        int count = Integer.parseInt(t("help.count"));
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lines.add(t("help." + i));
        }
        return lines;
    }

    /**
     * Why something did not count, from its reason code as the query API gives it: {@code kind} is
     * {@code duplicate}, {@code call} or {@code record}. A code this version has no words for (a newer Streams app)
     * is shown as it is, never dropped.
     */
    public String reason(String kind, String code) {
        String key = "reason." + kind + "." + code;
        return bundle.containsKey(key) ? t(key) : t("reason." + kind + ".other", code);
    }

    public String channel(String channel) {
        return t("channel." + channel);
    }
}
