package be.petition.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {
    @Test
    void ipv4IsItselfAndIpv6CountsByItsSlash64() {
        assertThat(ClientAddress.of("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("2001:db8:0:1::1")).isEqualTo(ClientAddress.of("[2001:db8:0:1:ffff:1:2:3]"))
                .isEqualTo("2001:db8:0:1::/64");
        assertThat(ClientAddress.of("2001:db8:0:2::1")).isNotEqualTo(ClientAddress.of("2001:db8:0:1::1"));
        assertThat(ClientAddress.of("fe80::1%eth0")).isEqualTo("fe80:0:0:0::/64");
        assertThat(ClientAddress.of("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
    }
}
