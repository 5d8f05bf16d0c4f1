package io.gomsggw.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {
    private final List<String> lookups = new ArrayList<>();
    private final HostResolver dns = host -> {
        lookups.add(host);
        Map<String, String> names = Map.of("pbx.example.net", "198.51.100.20", "other.example.net", "198.51.100.99");
        if (!names.containsKey(host)) {
            throw new UnknownHostException(host);
        }
        return new InetAddress[] {InetAddress.getByName(names.get(host))};
    };

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void aSingleAddressAdmitsItselfOnly() throws UnknownHostException {
        ClientAddress address = ClientAddress.parse("203.0.113.7");

        assertThat(address.admits(ip("203.0.113.7"), dns)).isTrue();
        assertThat(address.admits(ip("203.0.113.8"), dns)).isFalse();
        assertThat(lookups).isEmpty();
    }

    @Test
    void aListMixesAddressesBlocksAndHostNames() throws UnknownHostException {
        ClientAddress address = ClientAddress.parse("203.0.113.7, 10.20.0.0/16 pbx.example.net,2001:db8::/48");

        assertThat(address.admits(ip("10.20.3.4"), dns)).isTrue();
        assertThat(address.admits(ip("198.51.100.20"), dns)).isTrue();
        assertThat(address.admits(ip("2001:db8:0:5::1"), dns)).isTrue();
        assertThat(address.admits(ip("10.21.0.1"), dns)).isFalse();
        assertThat(address.entries()).hasSize(4);
    }

    @Test
    void literalEntriesAreCheckedBeforeAnyNameIsResolved() throws UnknownHostException {
        ClientAddress address = ClientAddress.parse("pbx.example.net, 203.0.113.7");

        assertThat(address.admits(ip("203.0.113.7"), dns)).isTrue();
        assertThat(lookups).isEmpty();
        assertThat(address.namesHosts()).isTrue();
    }

    @Test
    void aStarAdmitsAnySourceButIsNoDeliveryTarget() throws UnknownHostException {
        ClientAddress address = ClientAddress.parse("*");

        assertThat(address.admitsAnySource()).isTrue();
        assertThat(address.admitsWithoutLookup(ip("192.0.2.1"))).isTrue();
        assertThat(address.deliveryTarget(25)).isEmpty();
    }

    @Test
    void aNameThatDoesNotResolveAdmitsNobody() throws UnknownHostException {
        assertThat(ClientAddress.parse("gone.example.net").admits(ip("198.51.100.20"), dns))
                .isFalse();
    }

    @Test
    void portsSayWhereMm4GoesAndPlayNoPartInTheSourceCheck() throws UnknownHostException {
        ClientAddress named = ClientAddress.parse("pbx.example.net:2525");
        ClientAddress v4 = ClientAddress.parse("203.0.113.7:2526");
        ClientAddress v6 = ClientAddress.parse("[2001:db8::7]:2527");

        assertThat(named.deliveryTarget(25)).contains(InetSocketAddress.createUnresolved("pbx.example.net", 2525));
        assertThat(v4.deliveryTarget(25)).contains(InetSocketAddress.createUnresolved("203.0.113.7", 2526));
        assertThat(v6.deliveryTarget(25).map(InetSocketAddress::getPort)).contains(2527);
        assertThat(v4.admits(ip("203.0.113.7"), dns)).isTrue();
        assertThat(named.admits(ip("198.51.100.20"), dns)).isTrue();
        assertThat(v6.admits(ip("2001:db8::7"), dns)).isTrue();
    }

    @Test
    void theDeliveryTargetIsTheFirstHostOrSingleAddressWithPort25ByDefault() {
        assertThat(ClientAddress.parse("10.0.0.0/8, *, 203.0.113.7, pbx.example.net")
                        .deliveryTarget(25))
                .contains(InetSocketAddress.createUnresolved("203.0.113.7", 25));
        assertThat(ClientAddress.parse("2001:db8::7").deliveryTarget(25).map(InetSocketAddress::getPort))
                .isEqualTo(Optional.of(25));
    }

    @Test
    void anIpv4MappedPeerMatchesItsIpv4Entry() throws UnknownHostException {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = (byte) 203;
        mapped[14] = (byte) 113;
        mapped[15] = 7;
        InetAddress peer = java.net.Inet6Address.getByAddress(null, mapped, -1);

        assertThat(ClientAddress.parse("203.0.113.7").admits(peer, dns)).isTrue();
    }

    @Test
    void nothingWrittenAdmitsNobody() throws UnknownHostException {
        assertThat(ClientAddress.parse(null).isEmpty()).isTrue();
        assertThat(ClientAddress.parse("  ").admits(ip("127.0.0.1"), dns)).isFalse();
    }

    @Test
    void entriesThatAreNotAddressesAreRefusedByName() {
        for (String bad : new String[] {
            "pbx_.example..net",
            "10.0.0.1:0",
            "10.0.0.1:70000",
            "[2001:db8::1",
            "300.1.1.1",
            "10.0.0.0/33",
            "pbx.example.net:abc",
            "http://pbx.example.net"
        }) {
            assertThatThrownBy(() -> ClientAddress.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
