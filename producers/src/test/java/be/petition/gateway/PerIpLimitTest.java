package be.petition.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Per-IP limits: what counts as one client, and a bounded memory that forgets the least recently seen first. */
class PerIpLimitTest {

    @Test
    void anIpv6ClientIsItsSlash64AndAnIpv4ClientItsAddress() {
        String key = ClientAddress.limitKey("2001:db8:1:2::1");
        assertThat(ClientAddress.limitKey("2001:0db8:0001:0002:ffff:eeee:dddd:cccc")).isEqualTo(key);
        assertThat(ClientAddress.limitKey("[2001:DB8:1:2:0:0:0:7]")).isEqualTo(key);
        assertThat(ClientAddress.limitKey("2001:db8:1:2::9%eth0")).isEqualTo(key);
        assertThat(key).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientAddress.limitKey("2001:db8:1:3::1")).isNotEqualTo(key);
        assertThat(ClientAddress.limitKey("::1")).isEqualTo("0:0:0:0::/64");
        assertThat(ClientAddress.limitKey("::ffff:198.51.100.7")).isEqualTo("198.51.100.7");
        assertThat(ClientAddress.limitKey("2001:db8:1:2::198.51.100.7")).isEqualTo(key);
        assertThat(ClientAddress.limitKey("198.51.100.7")).isNotEqualTo(ClientAddress.limitKey("198.51.100.8"));
        for (String notIpv6 : new String[] {"1:2:3", "1::2::3", "+1::", "12345::", "g::1", "1:2:3:4:5:6:7:8:9"}) {
            assertThat(ClientAddress.limitKey(notIpv6)).as(notIpv6).isEqualTo(notIpv6);
        }
    }

    @Test
    void theLeastRecentlySeenClientIsForgottenFirst() {
        RateLimiter limiter = new RateLimiter(0.001, 1, 2);
        long now = TimeUnit.SECONDS.toNanos(1);
        assertThat(limiter.acquire("a", now)).isZero();
        assertThat(limiter.acquire("b", now)).isZero();
        assertThat(limiter.acquire("a", now)).as("a spent its burst").isPositive();
        assertThat(limiter.acquire("c", now)).as("c pushes out b, seen longest ago").isZero();
        assertThat(limiter.acquire("a", now)).as("a is still remembered, and still limited").isPositive();
        assertThat(limiter.acquire("b", now)).as("b was forgotten: a full bucket again").isZero();
    }

    @Test
    void manyClientsStayWithinTheBound() {
        RateLimiter limiter = new RateLimiter(1, 1, 1_000);
        for (int i = 0; i < 300_000; i++) {
            assertThat(limiter.acquire("client-" + i, i)).isZero();
        }
        assertThat(limiter.acquire("client-299999", 300_000)).as("the latest is remembered").isPositive();
        assertThat(limiter.acquire("client-0", 300_000)).as("the first was forgotten").isZero();
    }
}
