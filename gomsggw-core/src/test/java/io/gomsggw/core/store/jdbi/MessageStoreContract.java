package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.DuplicateKeyException;
import io.gomsggw.core.store.MessageQuery;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.Page;
import io.gomsggw.core.store.ResumeCursor;
import io.gomsggw.core.store.StatusTransition;
import io.gomsggw.core.store.log.LogEntry;
import io.gomsggw.core.store.log.LogRecord;
import io.gomsggw.core.store.log.LogTarget;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The {@link MessageStore} contract. */
interface MessageStoreContract extends StoreFixture {
    Instant T0 = Instant.parse("2026-03-01T12:00:00.123456Z");
    long ALICE = 11;
    long BOB = 22;
    long CAROL = 33;

    @Test
    default void insertsAHundredMessagesWithMediaAndFindsEachWhole() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();

        messages.insertAll(hundred);

        for (Message m : hundred) {
            assertThat(messages.find(m.id())).contains(m);
            assertThat(messages.history(m.id()))
                    .containsExactly(new StatusChange(MessageStatus.QUEUED, m.createdAt(), null));
        }
        assertThat(messages.find(hundred.get(0).id()).orElseThrow().media())
                .extracting(MediaPart::size)
                .containsExactly(700_000, 3);
        assertThat(messages.find("00000000-0000-0000-0000-000000000000")).isEmpty();
        assertThat(messages.history("00000000-0000-0000-0000-000000000000")).isEmpty();
    }

    @Test
    default void insertAllIsAllOrNothing() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred.subList(0, 1));

        assertThatThrownBy(() -> messages.insertAll(List.of(hundred.get(1), hundred.get(0))))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("id"));

        assertThat(messages.find(hundred.get(1).id())).isEmpty();
        assertThat(messages.history(hundred.get(1).id())).isEmpty();
        assertThatThrownBy(() -> messages.insertAll(List.of(
                        hundred.get(2), hundred.get(2).toBuilder().text("twin").build())))
                .isInstanceOfSatisfying(
                        DuplicateKeyException.class, e -> assertThat(e.field()).isEqualTo("id"));
        assertThat(messages.find(hundred.get(2).id())).isEmpty();
        messages.insertAll(List.of());
    }

    @Test
    default void transitionsUpdateTheRecordAndAppendToHistory() {
        MessageStore messages = messageStore();
        Message m = hundredMessages().get(3);
        messages.insertAll(List.of(m));
        Instant t1 = T0.plusSeconds(1000);
        Instant t2 = T0.plusSeconds(1030);
        Instant t3 = T0.plusSeconds(1090);
        Instant t4 = T0.plusSeconds(1200);

        assertThat(messages.transition(m.id(), MessageStatus.DISPATCHING, t1, null, 1))
                .isTrue();
        assertThat(messages.transition(m.id(), MessageStatus.QUEUED, t2, "carrier timeout", 1))
                .isTrue();
        assertThat(messages.find(m.id()).orElseThrow().lastError()).isEqualTo("carrier timeout");
        assertThat(messages.transition(m.id(), MessageStatus.DISPATCHING, t3, null, 2))
                .isTrue();
        assertThat(messages.find(m.id()).orElseThrow().lastError()).isEqualTo("carrier timeout");
        assertThat(messages.transition(m.id(), MessageStatus.FAILED, t4, "HTTP 500", 2))
                .isTrue();

        Message stored = messages.find(m.id()).orElseThrow();
        assertThat(stored.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(stored.attempts()).isEqualTo(2);
        assertThat(stored.lastError()).isEqualTo("HTTP 500");
        assertThat(stored.updatedAt()).isEqualTo(t4);
        assertThat(stored.createdAt()).isEqualTo(m.createdAt());
        assertThat(messages.history(m.id()))
                .containsExactly(
                        new StatusChange(MessageStatus.QUEUED, m.createdAt(), null),
                        new StatusChange(MessageStatus.DISPATCHING, t1, null),
                        new StatusChange(MessageStatus.QUEUED, t2, "carrier timeout"),
                        new StatusChange(MessageStatus.DISPATCHING, t3, null),
                        new StatusChange(MessageStatus.FAILED, t4, "HTTP 500"));
        assertThat(messages.transition("missing", MessageStatus.SENT, t3, null, 1))
                .isFalse();
    }

    @Test
    default void deliveryReasonsGoToHistoryButNotToLastError() {
        MessageStore messages = messageStore();
        Message m = hundredMessages().get(5);
        messages.insertAll(List.of(m));

        messages.transition(m.id(), MessageStatus.SENT, T0.plusSeconds(200), "accepted by carrier", 1);
        messages.transition(m.id(), MessageStatus.DELIVERED, T0.plusSeconds(300), "delivered", 1);

        assertThat(messages.find(m.id()).orElseThrow().lastError()).isNull();
        assertThat(messages.history(m.id()))
                .extracting(StatusChange::reason)
                .containsExactly(null, "accepted by carrier", "delivered");
    }

    @Test
    default void transitionAllRecordsManyChangesInOrderAndSkipsUnknownMessages() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred);
        Instant t1 = T0.plusSeconds(500);
        Instant t2 = T0.plusSeconds(501);
        List<StatusTransition> transitions = new ArrayList<>();
        for (Message m : hundred) {
            transitions.add(new StatusTransition(m.id(), MessageStatus.DISPATCHING, t1, null, 1));
        }
        transitions.add(new StatusTransition("missing", MessageStatus.SENT, t2, null, 1));
        transitions.add(new StatusTransition(hundred.get(0).id(), MessageStatus.FAILED, t2, "rejected", 1));

        messages.transitionAll(transitions);
        messages.transitionAll(List.of());

        assertThat(messages.find(hundred.get(0).id()).orElseThrow())
                .extracting(Message::status, Message::lastError, Message::updatedAt)
                .containsExactly(MessageStatus.FAILED, "rejected", t2);
        assertThat(messages.history(hundred.get(0).id()))
                .extracting(StatusChange::status)
                .containsExactly(MessageStatus.QUEUED, MessageStatus.DISPATCHING, MessageStatus.FAILED);
        assertThat(messages.find(hundred.get(99).id()).orElseThrow().status()).isEqualTo(MessageStatus.DISPATCHING);
        assertThat(messages.find("missing")).isEmpty();
        assertThat(messages.findToResume(null, 1000)).hasSize(99);
    }

    @Test
    default void findsMessagesToResumeOldestFirstPageByPage() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred);
        Instant later = T0.plusSeconds(3600);
        for (int i = 0; i < 70; i++) {
            MessageStatus status =
                    i < 50 ? MessageStatus.DELIVERED : i < 60 ? MessageStatus.FAILED : MessageStatus.SENT;
            messages.transition(hundred.get(i).id(), status, later, null, 1);
        }

        // SENT messages are with their carrier: not resumed.
        assertThat(messages.findToResume(null, 1000))
                .extracting(Message::id)
                .containsExactlyElementsOf(ids(hundred.subList(70, 100)));
        List<Message> firstPage = messages.findToResume(null, 5);
        assertThat(firstPage).extracting(Message::id).containsExactlyElementsOf(ids(hundred.subList(70, 75)));
        assertThat(messages.findToResume(ResumeCursor.after(firstPage.get(4)), 5))
                .extracting(Message::id)
                .containsExactlyElementsOf(ids(hundred.subList(75, 80)));
        assertThat(messages.findToResume(null, 1000))
                .filteredOn(m -> m.type() == MessageType.MMS)
                .allSatisfy(m -> assertThat(m.media()).hasSize(2));
    }

    @Test
    default void parkedMessagesAreFoundByDueTimeAndAnyOtherChangeUnparksThem() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred);
        Instant now = T0.plusSeconds(3600);
        // 10, 11 and 12 wait for a retry: 10 and 12 due by now (12 first), 11 later
        messages.transitionAll(List.of(
                new StatusTransition(
                        hundred.get(12).id(),
                        MessageStatus.QUEUED,
                        now,
                        "HTTP 503",
                        2,
                        null,
                        now.minusSeconds(9),
                        null),
                new StatusTransition(hundred.get(10).id(), MessageStatus.QUEUED, now, "HTTP 503", 1, null, now, null),
                new StatusTransition(
                        hundred.get(11).id(),
                        MessageStatus.QUEUED,
                        now,
                        "HTTP 503",
                        1,
                        null,
                        now.plusSeconds(60),
                        null)));

        assertThat(messages.findDue(now, null, 10))
                .extracting(Message::id)
                .containsExactly(hundred.get(10).id(), hundred.get(12).id());
        assertThat(messages.findDue(now, null, 1))
                .extracting(Message::id)
                .containsExactly(hundred.get(10).id());
        assertThat(messages.nextDue(null)).contains(now.minusSeconds(9));
        Message parked = messages.find(hundred.get(12).id()).orElseThrow();
        assertThat(parked.retryAt()).isEqualTo(now.minusSeconds(9));
        assertThat(parked.lastError()).isEqualTo("HTTP 503");
        assertThat(messages.findToResume(null, 1000)).extracting(Message::id).contains(parked.id());

        messages.transition(hundred.get(12).id(), MessageStatus.DISPATCHING, now.plusSeconds(1), null, 3);
        messages.transition(
                hundred.get(10).id(), MessageStatus.UNDELIVERED, now.plusSeconds(1), "HTTP 503 (given up)", 1);
        assertThat(messages.findDue(now.plusSeconds(3600), null, 10))
                .extracting(Message::id)
                .containsExactly(hundred.get(11).id());
        assertThat(messages.find(hundred.get(12).id()).orElseThrow().retryAt()).isNull();
        assertThat(messages.nextDue(null)).contains(now.plusSeconds(60));
        Message undelivered = messages.find(hundred.get(10).id()).orElseThrow();
        assertThat(undelivered.status()).isEqualTo(MessageStatus.UNDELIVERED);
        assertThat(undelivered.lastError()).isEqualTo("HTTP 503 (given up)");
        assertThat(messages.findToResume(null, 1000)).extracting(Message::id).doesNotContain(undelivered.id());
    }

    /**
     * A node that redelivers a message becomes its owner, whichever node accepted it; only final
     * messages are claimed, and only the owner's scheduler finds them parked.
     */
    @Test
    default void aRedeliveringNodeClaimsFinalMessagesOnlyAndFindsThemParkedAsItsOwn() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages(); // even ones accepted by node-1
        messages.insertAll(hundred);
        Instant now = T0.plusSeconds(3600);
        messages.transition(hundred.get(0).id(), MessageStatus.UNDELIVERED, now, "down", 4);
        messages.transition(hundred.get(2).id(), MessageStatus.FAILED, now, "HTTP 404", 1);
        messages.transition(hundred.get(4).id(), MessageStatus.DELIVERED, now, null, 1);

        assertThat(messages.claimFinal(
                        List.of(
                                hundred.get(0).id(),
                                hundred.get(2).id(),
                                hundred.get(4).id(),
                                hundred.get(6).id()),
                        "node-2"))
                .as("the undelivered and the failed one; not the delivered one, not one still queued")
                .isEqualTo(2);
        assertThat(List.of(0, 2, 4, 6))
                .extracting(
                        i -> messages.find(hundred.get(i).id()).orElseThrow().serverId())
                .containsExactly("node-2", "node-2", "node-1", "node-1");

        Instant redelivered = now.plusSeconds(60);
        messages.transitionAll(List.of(new StatusTransition(
                hundred.get(0).id(),
                MessageStatus.QUEUED,
                redelivered,
                "redelivery requested",
                4,
                null,
                redelivered,
                redelivered)));
        assertThat(messages.findDue(redelivered, "node-2", 10))
                .extracting(Message::id)
                .containsExactly(hundred.get(0).id());
        assertThat(messages.nextDue("node-2")).contains(redelivered);
        assertThat(messages.findDue(redelivered, "node-1", 10)).isEmpty();
        assertThat(messages.nextDue("node-1")).isEmpty();
    }

    @Test
    default void undeliveredMessagesOfAClientAreFoundByTimeRangeAndARedeliveryStartsANewWindow() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred);
        Instant now = T0.plusSeconds(3600);
        // every fifth goes to Carol: 0, 5, 10 … 95; give up on 0, 5, 10, 15 and 20
        for (int i = 0; i <= 20; i += 5) {
            messages.transition(hundred.get(i).id(), MessageStatus.UNDELIVERED, now, "down", 4);
        }
        messages.transition(hundred.get(25).id(), MessageStatus.FAILED, now, "HTTP 404", 1);

        List<Message> page = messages.findUndelivered(CAROL, T0.plusSeconds(5), T0.plusSeconds(20), null, 2);
        assertThat(page)
                .extracting(Message::id)
                .containsExactly(hundred.get(5).id(), hundred.get(10).id());
        assertThat(messages.findUndelivered(
                        CAROL, T0.plusSeconds(5), T0.plusSeconds(20), ResumeCursor.after(page.get(1)), 2))
                .extracting(Message::id)
                .containsExactly(hundred.get(15).id());
        assertThat(messages.findUndelivered(CAROL, null, null, null, 100)).hasSize(5);
        assertThat(messages.findUndelivered(ALICE, null, null, null, 100)).isEmpty();

        Instant redelivered = now.plusSeconds(60);
        messages.transitionAll(List.of(new StatusTransition(
                hundred.get(5).id(),
                MessageStatus.QUEUED,
                redelivered,
                "redelivery requested",
                4,
                null,
                redelivered,
                redelivered)));
        Message queued = messages.find(hundred.get(5).id()).orElseThrow();
        assertThat(queued.windowFrom()).isEqualTo(redelivered);
        assertThat(queued.windowStart()).isEqualTo(redelivered);
        assertThat(queued.lastError()).as("a redelivery is not a failure").isEqualTo("down");
        assertThat(messages.findDue(redelivered, null, 10))
                .extracting(Message::id)
                .containsExactly(queued.id());
        messages.transition(queued.id(), MessageStatus.DELIVERED, redelivered.plusSeconds(1), null, 5);
        assertThat(messages.find(queued.id()).orElseThrow().windowFrom())
                .as("kept")
                .isEqualTo(redelivered);
    }

    @Test
    default void findsAMessageByCarrierIdOnlyWhileItAwaitsItsReport() {
        MessageStore messages = messageStore();
        Message waiting = hundredMessages().get(7).toBuilder()
                .status(MessageStatus.SENT)
                .carrierMessageId("c-sent")
                .build();
        Message done = hundredMessages().get(8).toBuilder()
                .status(MessageStatus.DELIVERED)
                .carrierMessageId("c-done")
                .build();
        messages.insertAll(List.of(waiting, done));

        assertThat(messages.findAwaitingReport("telnyx-main", "c-sent"))
                .map(Message::id)
                .contains(waiting.id());
        assertThat(messages.findAwaitingReport("telnyx-main", "c-done"))
                .as("inserted final")
                .isEmpty();
        assertThat(messages.find(done.id()).orElseThrow().carrierMessageId()).isEqualTo("c-done");

        messages.transitionAll(List.of(
                new StatusTransition(waiting.id(), MessageStatus.DELIVERED, T0.plusSeconds(5), "delivered", 1)));
        assertThat(messages.findAwaitingReport("telnyx-main", "c-sent"))
                .as("final after its report")
                .isEmpty();
        assertThat(messages.find(waiting.id()).orElseThrow().carrierMessageId()).isEqualTo("c-sent");
    }

    @Test
    default void findsMessagesByCarrierMessageId() {
        MessageStore messages = messageStore();
        Message m = hundredMessages().get(7);
        messages.insertAll(List.of(m));

        messages.transitionAll(List.of(
                new StatusTransition(m.id(), MessageStatus.SENT, T0.plusSeconds(1), null, 1, "40317f4d-telnyx"),
                new StatusTransition("missing", MessageStatus.SENT, T0.plusSeconds(1), null, 1, "x")));

        assertThat(messages.findAwaitingReport("telnyx-main", "40317f4d-telnyx"))
                .map(Message::id)
                .contains(m.id());
        assertThat(messages.findAwaitingReport("telnyx-main", "40317f4d-telnyx")
                        .orElseThrow()
                        .carrierMessageId())
                .isEqualTo("40317f4d-telnyx");
        assertThat(messages.findAwaitingReport("twilio", "40317f4d-telnyx")).isEmpty();
        assertThat(messages.findAwaitingReport("telnyx-main", "other")).isEmpty();
    }

    @Test
    default void searchFiltersByEachFieldNewestFirst() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred);

        assertSearch(hundred, query(null, null, null, null, null, null, null), m -> true);
        assertSearch(
                hundred,
                query(ALICE, null, null, null, null, null, null),
                m -> Long.valueOf(ALICE).equals(m.clientId())
                        || Long.valueOf(ALICE).equals(m.targetClientId()));
        assertSearch(
                hundred,
                query(CAROL, null, null, null, null, null, null),
                m -> Long.valueOf(CAROL).equals(m.targetClientId()));
        assertSearch(
                hundred,
                query(null, "+12505550001", null, null, null, null, null),
                m -> m.from().equals("+12505550001"));
        assertSearch(
                hundred, query(null, null, "+16045550003", null, null, null, null), m -> m.to().equals("+16045550003"));
        assertSearch(
                hundred, query(null, null, null, MessageType.MMS, null, null, null), m -> m.type() == MessageType.MMS);
        assertSearch(
                hundred,
                query(null, null, null, null, Direction.INBOUND, null, null),
                m -> m.direction() == Direction.INBOUND);
        assertSearch(
                hundred,
                query(null, null, null, null, null, T0.plusSeconds(10), null),
                m -> !m.createdAt().isBefore(T0.plusSeconds(10)));
        assertSearch(
                hundred,
                query(null, null, null, null, null, null, T0.plusSeconds(20)),
                m -> m.createdAt().isBefore(T0.plusSeconds(20)));
        assertSearch(
                hundred,
                query(
                        BOB,
                        "+12505550002",
                        null,
                        MessageType.SMS,
                        Direction.OUTBOUND,
                        T0.plusSeconds(10),
                        T0.plusSeconds(80)),
                m -> Long.valueOf(BOB).equals(m.clientId())
                        && m.from().equals("+12505550002")
                        && m.type() == MessageType.SMS
                        && m.direction() == Direction.OUTBOUND
                        && !m.createdAt().isBefore(T0.plusSeconds(10))
                        && m.createdAt().isBefore(T0.plusSeconds(80)));
        assertThat(messages.search(query(424242L, null, null, null, null, null, null))
                        .total())
                .isZero();
    }

    @Test
    default void searchPagesThroughTheMatches() {
        MessageStore messages = messageStore();
        List<Message> hundred = hundredMessages();
        messages.insertAll(hundred);

        List<String> seen = new ArrayList<>();
        for (int page = 1; page <= 4; page++) {
            Page<Message> result =
                    messages.search(new MessageQuery(null, null, null, null, null, null, null, page, 30));
            assertThat(result.total()).isEqualTo(100);
            assertThat(result.page()).isEqualTo(page);
            assertThat(result.perPage()).isEqualTo(30);
            assertThat(result.items()).hasSize(page < 4 ? 30 : 10);
            result.items().forEach(m -> seen.add(m.id()));
        }
        assertThat(seen).containsExactlyElementsOf(ids(newestFirst(hundred)));
        Page<Message> beyond = messages.search(new MessageQuery(null, null, null, null, null, null, null, 5, 30));
        assertThat(beyond.items()).isEmpty();
        assertThat(beyond.total()).isEqualTo(100);
    }

    @Test
    default void searchBreaksTimestampTiesById() {
        MessageStore messages = messageStore();
        Message template = hundredMessages().get(1);
        List<Message> sameInstant = List.of(
                template.toBuilder().id("c").build(),
                template.toBuilder().id("a").build(),
                template.toBuilder().id("b").build());
        messages.insertAll(sameInstant);

        assertThat(messages.search(query(null, null, null, null, null, null, null))
                        .items())
                .extracting(Message::id)
                .containsExactly("a", "b", "c");
    }

    @Test
    default void aLogTargetWritesInsertsFoldedWithTheirChangesAndThePositionInOneTransaction() {
        LogTarget target = stores().messageLogTarget();
        List<Message> hundred = hundredMessages();
        Message early = hundred.get(1);
        Message folded = hundred.get(2);
        Message direct = hundred.get(4);
        target.insertAll(List.of(direct));
        target.writeAll(List.of(inserted(7, early)), 7);
        assertThat(target.appliedLsn()).isEqualTo(7);

        Instant t1 = T0.plusSeconds(600);
        Instant t2 = T0.plusSeconds(601);
        target.writeAll(
                List.of(
                        inserted(8, folded),
                        changed(9, new StatusTransition(folded.id(), MessageStatus.DISPATCHING, t1, null, 1)),
                        changed(10, new StatusTransition(early.id(), MessageStatus.SENT, t1, null, 1, "c-early")),
                        changed(11, new StatusTransition(folded.id(), MessageStatus.QUEUED, t1, "timeout", 1)),
                        changed(12, new StatusTransition(folded.id(), MessageStatus.SENT, t2, null, 2, "c-folded")),
                        changed(13, new StatusTransition(folded.id(), MessageStatus.DELIVERED, t2, "delivered", 2))),
                12);

        assertThat(target.appliedLsn())
                .as("written ahead: 13 is in the tables, the position says 12")
                .isEqualTo(12);
        assertThat(target.find(folded.id()).orElseThrow())
                .isEqualTo(folded.toBuilder()
                        .status(MessageStatus.DELIVERED)
                        .attempts(2)
                        .updatedAt(t2)
                        .lastError("timeout")
                        .carrierMessageId("c-folded")
                        .build());
        assertThat(target.history(folded.id()))
                .containsExactly(
                        new StatusChange(MessageStatus.QUEUED, folded.createdAt(), null),
                        new StatusChange(MessageStatus.DISPATCHING, t1, null),
                        new StatusChange(MessageStatus.QUEUED, t1, "timeout"),
                        new StatusChange(MessageStatus.SENT, t2, null),
                        new StatusChange(MessageStatus.DELIVERED, t2, "delivered"));
        assertThat(target.findAwaitingReport("telnyx-main", "c-early"))
                .map(Message::status)
                .contains(MessageStatus.SENT);
        assertThat(target.lastLsns(List.of(early.id(), folded.id(), direct.id(), "unknown")))
                .as("each row's last log record; rows written directly have none")
                .containsOnly(Map.entry(early.id(), 10L), Map.entry(folded.id(), 13L));

        assertThatThrownBy(() -> target.writeAll(List.of(inserted(14, hundred.get(3)), inserted(15, early)), 20))
                .isInstanceOf(DuplicateKeyException.class);
        assertThat(target.appliedLsn())
                .as("the position moves with the rows or not at all")
                .isEqualTo(12);
        assertThat(target.find(hundred.get(3).id())).isEmpty();
    }

    private static LogEntry inserted(long lsn, Message message) {
        return new LogEntry(lsn, new LogRecord.Inserted(message));
    }

    private static LogEntry changed(long lsn, StatusTransition transition) {
        return new LogEntry(lsn, new LogRecord.Changed(transition));
    }

    private void assertSearch(List<Message> all, MessageQuery query, Predicate<Message> matches) {
        List<Message> expected = newestFirst(all.stream().filter(matches).toList());
        Page<Message> page = messageStore().search(query);

        assertThat(expected).as("the filter must select something").isNotEmpty();
        assertThat(page.total()).isEqualTo(expected.size());
        assertThat(page.items()).containsExactlyElementsOf(expected);
    }

    private static MessageQuery query(
            Long clientId,
            String from,
            String to,
            MessageType type,
            Direction direction,
            Instant since,
            Instant until) {
        return new MessageQuery(clientId, from, to, type, direction, since, until, 1, 200);
    }

    private static List<Message> newestFirst(List<Message> messages) {
        return messages.stream()
                .sorted(Comparator.comparing(Message::createdAt).reversed())
                .toList();
    }

    private static List<String> ids(List<Message> messages) {
        return messages.stream().map(Message::id).toList();
    }

    /**
     * A hundred messages, one a second from {@link #T0}: every tenth an MMS with two parts (the
     * first of them 700 kB), every fourth inbound, senders alternating between Alice and Bob,
     * every fifth delivered to Carol.
     */
    private static List<Message> hundredMessages() {
        byte[] large = new byte[700_000];
        Arrays.fill(large, (byte) 0x5a);
        return IntStream.range(0, 100)
                .mapToObj(i -> {
                    boolean mms = i % 10 == 0;
                    boolean inbound = i % 4 == 0;
                    List<MediaPart> media = mms
                            ? List.of(
                                    new MediaPart(
                                            "photo-" + i + ".jpg",
                                            "image/jpeg",
                                            i == 0 ? large : new byte[] {1, 2, (byte) i}),
                                    new MediaPart("smil.xml", "application/smil", new byte[] {'<', 's', '>'}))
                            : List.of();
                    return Message.builder()
                            .id(String.format("00000000-0000-4000-8000-%012d", i))
                            .type(mms ? MessageType.MMS : MessageType.SMS)
                            .direction(inbound ? Direction.INBOUND : Direction.OUTBOUND)
                            .from("+1250555000" + (i % 3))
                            .to("+1604555000" + (i % 7))
                            .text(i % 9 == 0 ? "" : "hello #" + i + " ünïcödé ✓")
                            .media(media)
                            .ingress(inbound ? Protocol.CARRIER : Protocol.values()[i % 3])
                            .clientId(inbound ? null : Long.valueOf(i % 2 == 0 ? ALICE : BOB))
                            .targetClientId(i % 5 == 0 ? Long.valueOf(CAROL) : inbound ? Long.valueOf(ALICE) : null)
                            .carrier(i % 5 == 0 ? null : "telnyx-main")
                            .status(MessageStatus.QUEUED)
                            .serverId(i % 2 == 0 ? "node-1" : null)
                            .createdAt(T0.plusSeconds(i))
                            .externalRef(i % 3 == 0 ? "seq-" + i : null)
                            .build();
                })
                .toList();
    }
}
