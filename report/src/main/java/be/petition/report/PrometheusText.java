package be.petition.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small, strict reader of the Prometheus text exposition format (version 0.0.4, as the gateway's {@code /metrics}
 * writes it), for the few samples the report needs: {@code name{label="value",...} value [timestamp]}. Comment lines
 * ({@code # HELP}, {@code # TYPE}, ...), blank lines and samples of other names are skipped without being read; a
 * sample of a wanted name that does not follow the format is an error (the gateway answered something else than
 * expected, and a guess would put a wrong number in a report to policymakers). {@code NaN} and {@code ±Inf} values
 * are skipped: no count is either.
 */
final class PrometheusText {
    /** One sample: its name, its labels (in any order in the text) and its value. */
    record Sample(String name, Map<String, String> labels, double value) {
        Sample {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    /** A wanted sample that is not in the exposition format; says which line and why. */
    static final class FormatException extends IllegalArgumentException {
        FormatException(int line, String why) {
            super("line " + line + ": " + why);
        }
    }

    private PrometheusText() {
    }

    /** The samples named one of {@code names}, in the order of the text. */
    static List<Sample> parse(String text, Set<String> names) {
        List<Sample> samples = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int nameEnd = 0;
            while (nameEnd < trimmed.length() && isNameChar(trimmed.charAt(nameEnd), nameEnd == 0)) {
                nameEnd++;
            }
            if (!names.contains(trimmed.substring(0, nameEnd))) {
                continue;
            }
            Sample sample = new LineReader(trimmed, i + 1).sample(nameEnd);
            if (!Double.isNaN(sample.value()) && !Double.isInfinite(sample.value())) {
                samples.add(sample);
            }
        }
        return samples;
    }

    private static boolean isNameChar(char c, boolean first) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':' || !first && c >= '0' && c <= '9';
    }

    private static boolean isLabelNameChar(char c, boolean first) {
        return c != ':' && isNameChar(c, first);
    }

    /** Reads one line of a wanted sample, strictly. */
    private static final class LineReader {
        private final String line;
        private final int number;
        private int at;

        LineReader(String line, int number) {
            this.line = line;
            this.number = number;
        }

        Sample sample(int nameEnd) {
            String name = line.substring(0, nameEnd);
            at = nameEnd;
            Map<String, String> labels = new LinkedHashMap<>();
            if (at < line.length() && line.charAt(at) == '{') {
                at++;
                labels(labels);
            }
            if (at >= line.length() || !Character.isWhitespace(line.charAt(at))) {
                throw fail("expected a space and a value after " + name);
            }
            String[] rest = line.substring(at).strip().split("[ \t]+");
            if (rest.length > 2) {
                throw fail("expected a value and at most a timestamp, found '" + line.substring(at).strip() + "'");
            }
            if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
                throw fail("the timestamp '" + rest[1] + "' is not a number of milliseconds");
            }
            return new Sample(name, labels, value(rest[0]));
        }

        private void labels(Map<String, String> labels) {
            skipSpaces();
            while (true) {
                if (at < line.length() && line.charAt(at) == '}') {
                    at++;
                    return;
                }
                int start = at;
                while (at < line.length() && isLabelNameChar(line.charAt(at), at == start)) {
                    at++;
                }
                if (at == start) {
                    throw fail("expected a label name at column " + (at + 1));
                }
                String label = line.substring(start, at);
                skipSpaces();
                expect('=');
                skipSpaces();
                expect('"');
                if (labels.put(label, labelValue()) != null) {
                    throw fail("the label " + label + " is given twice");
                }
                skipSpaces();
                if (at < line.length() && line.charAt(at) == ',') {
                    at++;
                    skipSpaces();
                } else if (at >= line.length() || line.charAt(at) != '}') {
                    throw fail("expected ',' or '}' at column " + (at + 1));
                }
            }
        }

        /** After the opening quote: the value up to the closing quote, with \\, \" and \n unescaped. */
        private String labelValue() {
            StringBuilder value = new StringBuilder();
            while (at < line.length()) {
                char c = line.charAt(at++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\') {
                    if (at >= line.length()) {
                        break;
                    }
                    char escaped = line.charAt(at++);
                    switch (escaped) {
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        case 'n' -> value.append('\n');
                        default -> throw fail("unknown escape \\" + escaped + " in a label value");
                    }
                } else {
                    value.append(c);
                }
            }
            throw fail("a label value is not closed by '\"'");
        }

        private double value(String text) {
            switch (text) {
                case "NaN":
                    return Double.NaN;
                case "+Inf":
                case "Inf":
                    return Double.POSITIVE_INFINITY;
                case "-Inf":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
            if (!text.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")) {
                throw fail("the value '" + text + "' is not a number");
            }
            return Double.parseDouble(text);
        }

        private void expect(char c) {
            if (at >= line.length() || line.charAt(at) != c) {
                throw fail("expected '" + c + "' at column " + (at + 1));
            }
            at++;
        }

        private void skipSpaces() {
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
        }

        private FormatException fail(String why) {
            return new FormatException(number, why);
        }
    }
}
