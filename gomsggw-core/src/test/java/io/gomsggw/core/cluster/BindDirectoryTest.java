package io.gomsggw.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.testing.Eventually;
import io.gomsggw.core.testing.PostgresTestSchema;
import io.gomsggw.core.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes' {@link BindDirectory}s on one PostgreSQL, without signals (so each sees the other's
 * binds by its periodic look): both name the same owner, the node of the oldest bind, and hear
 * when it changes. Skipped when {@code GOMSGGW_TEST_POSTGRES_URL} is not set.
 */
class BindDirectoryTest {
    private static final long PBX = 42;

    private PostgresTestSchema schema;
    private BindDirectory a;
    private BindDirectory b;
    private final Map<String, Integer> bindsA = new ConcurrentHashMap<>();
    private final Map<String, Integer> bindsB = new ConcurrentHashMap<>();
    private final List<String> ownersSeenByB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        String url = TestDatabases.postgresUrl().orElse(null);
        if (url == null) {
            System.out.println("BindDirectoryTest SKIPPED: " + TestDatabases.POSTGRES_URL_VARIABLE + " is not set");
        }
        Assumptions.assumeTrue(url != null, TestDatabases.POSTGRES_URL_VARIABLE + " is not set");
        schema = PostgresTestSchema.create(url);
        JdbiStores stores = new JdbiStores(
                schema.dataSource(), SecretCipher.fromKeyString(SecretCipher.generateKeyString()), Clock.systemUTC());
        stores.nodes().register("node-a", "a", null, Duration.ofSeconds(15), false);
        stores.nodes().register("node-b", "b", null, Duration.ofSeconds(15), false);
        Duration look = Duration.ofMillis(100);
        a = BindDirectory.start(
                "node-a", stores.binds(), ClusterSignals.NONE, id -> bindsA.getOrDefault("" + id, 0), look);
        b = BindDirectory.start(
                "node-b", stores.binds(), ClusterSignals.NONE, id -> bindsB.getOrDefault("" + id, 0), look);
        b.onOwnerChanged((client, owner) -> ownersSeenByB.add(client + "@" + owner));
    }

    @AfterEach
    void close() {
        if (a != null) a.close();
        if (b != null) b.close();
        if (schema != null) schema.close();
    }

    @Test
    void everyNodeNamesTheNodeOfTheOldestBindAndHearsWhenItChanges() {
        assertThat(b.owner(PBX)).isEmpty();

        bindsA.put("" + PBX, 1);
        a.bindsChanged(PBX);
        Eventually.await("node b sees the bind on node a", () -> b.owner(PBX).equals(Optional.of("node-a")));
        assertThat(a.owner(PBX)).contains("node-a");

        bindsB.put("" + PBX, 2);
        b.bindsChanged(PBX);
        Eventually.await(
                "node a sees both binds",
                () -> a.binds().getOrDefault(PBX, List.of()).size() == 2);
        assertThat(a.owner(PBX)).as("the older bind keeps the client").contains("node-a");
        assertThat(b.owner(PBX)).contains("node-a");

        bindsA.remove("" + PBX);
        a.bindsChanged(PBX);
        Eventually.await(
                "the client's messages now go to node b", () -> a.owner(PBX).equals(Optional.of("node-b")));
        Eventually.await("node b hears it", () -> ownersSeenByB.contains(PBX + "@node-b"));
        assertThat(ownersSeenByB).containsExactly(PBX + "@node-a", PBX + "@node-b");
        assertThat(b.binds().get(PBX))
                .singleElement()
                .satisfies(bind -> assertThat(bind.binds()).isEqualTo(2));
    }

    @Test
    void aNodeThatStopsTakesItsBindsAlong() {
        bindsA.put("" + PBX, 1);
        a.bindsChanged(PBX);
        Eventually.await("node b sees the bind", () -> b.owner(PBX).isPresent());

        a.close();

        Eventually.await("node b sees it gone", () -> b.owner(PBX).isEmpty());
    }
}
