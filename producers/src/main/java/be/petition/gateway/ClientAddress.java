package be.petition.gateway;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the connection comes from a
 * configured trusted proxy (anyone else could write any address in it): then the client is the right-most
 * address that is not itself a trusted proxy.
 */
final class ClientAddress {
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9A-Fa-f]{1,4}");
    private final Set<String> trustedProxies;

    ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    String of(String remoteAddress, String forwardedFor) {
        if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(remoteAddress)) {
            return remoteAddress;
        }
        List<String> hops = List.of(forwardedFor.split(","));
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i).trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return remoteAddress;
    }

    /**
     * The key per-IP limits count under: an IPv4 address as it is, an IPv6 address by its /64 network (one
     * subscriber's allocation: the addresses in it cost nothing to rotate through). Parsed by hand, never resolved
     * (no DNS look-up for what a client wrote); text that is no IPv6 address is its own key.
     */
    static String limitKey(String address) {
        String text = address.trim();
        if (text.startsWith("[") && text.endsWith("]")) {
            text = text.substring(1, text.length() - 1);
        }
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        if (text.indexOf(':') < 0) {
            return text;
        }
        int lastColon = text.lastIndexOf(':');
        String tail = text.substring(lastColon + 1);
        if (tail.indexOf('.') >= 0) {
            String head = text.substring(0, lastColon + 1).toLowerCase(Locale.ROOT);
            if (head.equals("::ffff:")) {
                return tail; // an IPv4 client seen through an IPv6 socket
            }
            text = head + "0:0"; // an embedded IPv4 address sits in the last 32 bits, outside the /64
        }
        int[] groups = groups(text);
        return groups == null ? text : String.format("%x:%x:%x:%x::/64", groups[0], groups[1], groups[2], groups[3]);
    }

    /** The eight 16-bit groups of an IPv6 address in text form, or null when it is not one. */
    private static int[] groups(String text) {
        String[] halves = text.split("::", -1);
        if (halves.length > 2) {
            return null;
        }
        String[] head = halves[0].isEmpty() ? new String[0] : halves[0].split(":", -1);
        String[] tail = halves.length < 2 || halves[1].isEmpty() ? new String[0] : halves[1].split(":", -1);
        int missing = 8 - head.length - tail.length;
        if (halves.length == 1 ? missing != 0 : missing < 1) {
            return null;
        }
        int[] groups = new int[8];
        for (int i = 0; i < head.length + tail.length; i++) {
            String group = i < head.length ? head[i] : tail[i - head.length];
            if (!HEX_GROUP.matcher(group).matches()) {
                return null;
            }
            groups[i < head.length ? i : i + missing] = Integer.parseInt(group, 16);
        }
        return groups;
    }
}
