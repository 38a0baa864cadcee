package be.petition.gateway;

import java.util.List;
import java.util.Set;

/**
 * The address a request came from. {@code X-Forwarded-For} is believed only when the connection comes from a
 * configured trusted proxy (anyone else could write any address in it): then the client is the right-most
 * address that is not itself a trusted proxy.
 */
final class ClientAddress {
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
}
