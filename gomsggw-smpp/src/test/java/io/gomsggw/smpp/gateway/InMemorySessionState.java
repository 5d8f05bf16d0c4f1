package io.gomsggw.smpp.gateway;

import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.PendingReceipt;
import io.gomsggw.core.store.PendingReceiptStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Held parts and pending receipts in memory, following the stores' contracts, for tests of the SMPP gateway. */
final class InMemorySessionState {
    private final Map<String, HeldPart> parts = new LinkedHashMap<>();
    private final Map<String, PendingReceipt> receipts = new LinkedHashMap<>();

    final HeldPartStore heldParts = new HeldPartStore() {
        @Override
        public void writeAll(List<Change> changes) {
            synchronized (InMemorySessionState.this) {
                for (Change change : changes) {
                    if (change instanceof Hold hold) {
                        parts.put(hold.part().messageId() + "/" + hold.part().seqnum(), hold.part());
                    } else {
                        String id = ((Release) change).messageId();
                        parts.values().removeIf(part -> part.messageId().equals(id));
                    }
                }
            }
        }

        @Override
        public List<HeldPart> loadAll() {
            synchronized (InMemorySessionState.this) {
                List<HeldPart> all = new ArrayList<>(parts.values());
                all.sort(Comparator.comparing(HeldPart::receivedAt)
                        .thenComparing(HeldPart::messageId)
                        .thenComparingInt(HeldPart::seqnum));
                return all;
            }
        }
    };

    final PendingReceiptStore pendingReceipts = new PendingReceiptStore() {
        @Override
        public void writeAll(List<Change> changes) {
            synchronized (InMemorySessionState.this) {
                for (Change change : changes) {
                    if (change instanceof Keep keep) {
                        receipts.put(keep.receipt().messageId(), keep.receipt());
                    } else {
                        receipts.remove(((Drop) change).messageId());
                    }
                }
            }
        }

        @Override
        public List<PendingReceipt> loadAll() {
            synchronized (InMemorySessionState.this) {
                List<PendingReceipt> all = new ArrayList<>(receipts.values());
                all.sort(Comparator.comparing(PendingReceipt::doneAt).thenComparing(PendingReceipt::messageId));
                return all;
            }
        }
    };

    synchronized List<String> receiptIds() {
        return List.copyOf(receipts.keySet());
    }

    synchronized int partCount() {
        return parts.size();
    }
}
