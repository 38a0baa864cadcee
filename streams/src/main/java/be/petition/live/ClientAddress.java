package be.petition.live;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The key a live client's connections are counted under: its IPv4 address, or the /64 network of its IPv6 address
 * (one subscriber commonly holds a whole /64 and can rotate through it freely).
 */
final class ClientAddress {
    private ClientAddress() {
    }

    /** The key of the peer address as the servlet container gives it ({@code getRemoteAddr()}). */
    static String of(String remoteAddress) {
        String address = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
                ? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
        if (address.indexOf(':') < 0) {
            return address;
        }
        int scope = address.indexOf('%');
        try {
            // brackets: parsed as an IPv6 literal, never looked up in DNS
            InetAddress parsed = InetAddress.getByName("[" + (scope < 0 ? address : address.substring(0, scope)) + "]");
            if (!(parsed instanceof Inet6Address)) {
                return parsed.getHostAddress(); // an IPv4-mapped address
            }
            byte[] bytes = parsed.getAddress();
            StringBuilder network = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                network.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return network.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
