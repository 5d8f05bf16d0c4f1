package io.gomsggw.mm4.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.admin.DirectorySnapshot;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Mm4SourcesTest {
    private static Client client(long id, ClientType type, String address) {
        return new Client(id, "c" + id, Secret.of("pw"), null, type, address, null, false, null);
    }

    private static InetAddress ip(String text) throws UnknownHostException {
        return InetAddress.getByName(text);
    }

    @Test
    void aSourceBelongsToTheLegacyClientsWhoseAddressAdmitsIt() throws Exception {
        Mm4Sources sources = new Mm4Sources(host -> {
            if (host.equals("pbx.example.net")) {
                return new InetAddress[] {ip("198.51.100.9")};
            }
            throw new UnknownHostException(host);
        });
        sources.refresh(new DirectorySnapshot(
                List.of(
                        client(1, ClientType.LEGACY, "203.0.113.7:2525"),
                        client(2, ClientType.LEGACY, "pbx.example.net, 192.0.2.0/24"),
                        client(3, ClientType.LEGACY, "*"),
                        client(4, ClientType.LEGACY, "203.0.113.7"),
                        client(5, ClientType.WEB, null),
                        client(6, ClientType.LEGACY, "gone.example.net")),
                List.of(),
                List.of(),
                List.of(),
                Instant.EPOCH));

        assertThat(sources.candidates(ip("203.0.113.7")))
                .extracting(Client::id)
                .as("two PBXs behind one NAT")
                .containsExactly(1L, 4L);
        assertThat(sources.candidates(ip("198.51.100.9")))
                .extracting(Client::id)
                .containsExactly(2L);
        assertThat(sources.candidates(ip("192.0.2.200"))).extracting(Client::id).containsExactly(2L);
        assertThat(sources.candidates(ip("::ffff:192.0.2.1")))
                .extracting(Client::id)
                .containsExactly(2L);
        assertThat(sources.candidates(ip("100.64.0.1")))
                .as("* identifies nobody")
                .isEmpty();
    }
}
