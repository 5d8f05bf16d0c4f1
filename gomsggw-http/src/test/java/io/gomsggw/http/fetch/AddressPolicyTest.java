package io.gomsggw.http.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.net.CidrBlock;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AddressPolicyTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1              | loopback
            127.255.0.9            | loopback
            0.0.0.0                | unspecified
            0.1.2.3                | unspecified
            10.0.0.1               | private network
            172.31.255.255         | private network
            192.168.1.1            | private network
            100.64.0.1             | carrier-grade NAT
            100.127.255.254        | carrier-grade NAT
            169.254.169.254        | link-local, cloud metadata
            169.254.1.1            | link-local
            224.0.0.251            | multicast
            239.255.255.250        | multicast
            255.255.255.255        | broadcast
            240.0.0.1              | reserved
            ::                     | unspecified
            ::1                    | loopback
            fc00::1                | private network, unique local
            fd00:ec2::254          | private network, unique local
            fec0::1                | private network, site-local
            fe80::1                | link-local
            ff02::1                | multicast
            ::ffff:10.0.0.1        | private network
            ::127.0.0.1            | loopback, IPv4-compatible
            ::ffff:0:a9fe:a9fe     | link-local, cloud metadata, IPv4-translated
            64:ff9b::7f00:1        | loopback, NAT64
            64:ff9b:1::1           | local-use NAT64
            2002:c0a8:101::1       | private network, 6to4
            2002:7f00:1::          | loopback, 6to4
            """)
    void specialAddressesAreRefusedWithTheirReason(String address, String reason) throws Exception {
        assertThat(AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address)))
                .contains(reason);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "203.0.113.7",
                "100.63.255.255",
                "100.128.0.0",
                "172.32.0.1",
                "169.253.0.1",
                "2001:4860:4860::8888",
                "64:ff9b::808:808",
                "2002:808:808::1",
                "::ffff:8.8.4.4"
            })
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(AddressPolicy.PUBLIC_ONLY.refusal(InetAddress.getByName(address)))
                .isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.20.30.40", "::ffff:10.20.30.40", "64:ff9b::a14:1e28", "fd00:1::5", "127.0.0.1"})
    void allowedNetworksAreAllowedInEveryForm(String address) throws Exception {
        AddressPolicy policy = new AddressPolicy(
                List.of(CidrBlock.parse("10.20.0.0/16"), CidrBlock.parse("fd00:1::/32"), CidrBlock.parse("127.0.0.1")));

        assertThat(policy.refusal(InetAddress.getByName(address))).isEmpty();
        assertThat(policy.refusal(InetAddress.getByName("10.21.0.1"))).contains("private network");
    }
}
