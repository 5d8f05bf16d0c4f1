package io.gomsggw.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class CidrBlockTest {
    @Test
    void containsAddressesOfItsRange() throws UnknownHostException {
        CidrBlock block = CidrBlock.parse("172.16.0.0/12");

        assertThat(block.contains(InetAddress.getByName("172.16.0.1"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("172.31.255.255"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("172.32.0.0"))).isFalse();
        assertThat(block.contains(InetAddress.getByName("::1"))).isFalse();
    }

    @Test
    void aBareAddressIsARangeOfOne() throws UnknownHostException {
        CidrBlock block = CidrBlock.parse("2001:db8::7");

        assertThat(block).hasToString("2001:db8:0:0:0:0:0:7/128");
        assertThat(block.contains(InetAddress.getByName("2001:db8::7"))).isTrue();
        assertThat(block.contains(InetAddress.getByName("2001:db8::8"))).isFalse();
    }

    @Test
    void theNetworkIsMasked() {
        assertThat(CidrBlock.parse("10.1.2.3/8")).isEqualTo(CidrBlock.parse("10.0.0.0/8"));
    }

    @Test
    void privateRangesCoverLoopbackAndPrivateNetworks() throws UnknownHostException {
        for (String address : new String[] {"127.0.0.1", "10.9.8.7", "192.168.1.1", "::1", "fd00::1"}) {
            InetAddress inet = InetAddress.getByName(address);
            assertThat(CidrBlock.PRIVATE_RANGES).as(address).anyMatch(block -> block.contains(inet));
        }
        InetAddress publicAddress = InetAddress.getByName("8.8.8.8");
        assertThat(CidrBlock.PRIVATE_RANGES).noneMatch(block -> block.contains(publicAddress));
    }

    @Test
    void refusesHostNamesAndBadRanges() {
        for (String text : new String[] {"example.com", "10.0.0.0/", "10.0.0.0/x", "::1/129", "256.0.0.1", "1.2.3"}) {
            assertThatThrownBy(() -> CidrBlock.parse(text))
                    .as(text)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an IP address or CIDR range: '" + text + "'");
        }
    }
}
