package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.log.LoggedMessageStore;
import io.gomsggw.core.testing.TempDirectories;
import io.gomsggw.core.testing.TestDatabases;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@link MessageStore} contract on a {@link LoggedMessageStore} over H2 with a {@link MediaPack}
 * (the embedded gateway's store), with the default
 * settle time: most reads in the contract come before the records reach the tables, so they
 * exercise the answers from memory as much as the tables.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoggedMessageStoreContractTest implements MessageStoreContract {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:30:00.654321Z"), ZoneOffset.UTC);
    private final SecretCipher cipher = SecretCipher.fromKeyString(SecretCipher.generateKeyString());
    private final DataSource dataSource = TestDatabases.h2InMemory();
    private Path logDirectory;
    private MediaPack pack;
    private JdbiStores stores;
    private LoggedMessageStore logged;

    @BeforeEach
    void open() throws IOException {
        TestDatabases.deleteAllRows(dataSource);
        logDirectory = Files.createTempDirectory("gomsggw-log-contract");
        pack = MediaPack.open(logDirectory.resolve("media"), true);
        stores = new JdbiStores(dataSource, cipher, clock, pack);
        logged = LoggedMessageStore.open(
                logDirectory.resolve("journal"), stores.messageLogTarget(), LoggedMessageStore.Settings.DEFAULTS);
    }

    @AfterEach
    void close() throws IOException {
        logged.close();
        pack.close();
        TempDirectories.delete(logDirectory);
    }

    @Override
    public MessageStore messageStore() {
        return logged;
    }

    /**
     * Media published by reference to a message the log has not yet written to the tables is read from
     * the log's memory, and from the tables once it is there.
     */
    @Test
    void mediaByReferenceToAMessageNotYetInTheTables() {
        byte[] photo = {(byte) 0xff, (byte) 0xd8, 1, 2, 3};
        Message mms = Message.builder()
                .id("00000000-0000-4000-8000-00000000f071")
                .type(MessageType.MMS)
                .from("+12505550001")
                .to("+16045550001")
                .media(List.of(new MediaPart("photo.jpg", "image/jpeg", photo)))
                .createdAt(T0)
                .build();
        logged.insertAll(List.of(mms));
        String token = stores.media()
                .putReference(mms.id(), 0, mms.media().get(0), clock.instant().plusSeconds(600));

        assertThat(stores.media().get(token, clock.instant()))
                .as("the tables alone do not have it yet")
                .isEmpty();
        stores.readReferencedMediaFrom(logged);
        assertThat(stores.media()
                        .get(token, clock.instant())
                        .orElseThrow()
                        .media()
                        .content())
                .isEqualTo(photo);

        logged.search(new MessageQuery(null, null, null, null, null, null, null, 1, 10)); // applies the log
        assertThat(stores.messages().find(mms.id())).isPresent();
        assertThat(stores.media()
                        .get(token, clock.instant())
                        .orElseThrow()
                        .media()
                        .content())
                .isEqualTo(photo);
        stores.readReferencedMediaFrom(stores.messages());
    }

    /**
     * A logged insert cannot see the tables, so a duplicate id (which the gateway never makes:
     * its ids are new UUIDs) is found only when the records are applied: the duplicate is
     * skipped there, and the message already stored and every other one are kept.
     */
    @Override
    @Test
    public void insertAllIsAllOrNothing() {
        Message first = Message.builder()
                .id("00000000-0000-4000-8000-000000000001")
                .type(MessageType.SMS)
                .from("+12505550001")
                .to("+16045550001")
                .text("first")
                .createdAt(T0)
                .build();
        Message other = first.toBuilder()
                .id("00000000-0000-4000-8000-000000000002")
                .text("other")
                .build();
        logged.insertAll(List.of(first));
        logged.search(new MessageQuery(null, null, null, null, null, null, null, 1, 10));

        logged.insertAll(List.of(other, first.toBuilder().text("impostor").build()));
        logged.search(new MessageQuery(null, null, null, null, null, null, null, 1, 10));

        assertThat(stores.messages().find(first.id()).orElseThrow().text()).isEqualTo("first");
        assertThat(stores.messages().find(other.id()).orElseThrow().text()).isEqualTo("other");
        assertThat(stores.messages().history(first.id()))
                .containsExactly(new StatusChange(MessageStatus.QUEUED, T0, null));
    }

    @Override
    public JdbiStores stores() {
        return stores;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public SecretCipher cipher() {
        return cipher;
    }

    @Override
    public Clock clock() {
        return clock;
    }
}
