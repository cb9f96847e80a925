package io.customersegments.activation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

import io.customersegments.Api;
import io.customersegments.Api.Answer;
import io.customersegments.ServiceTest;

/** Publishing writes who entered and who left which segment, read back in one order with a cursor. */
@ServiceTest
class SegmentChangesTests {

    private static final String RUN = "{\"datasetId\": %d, \"k\": %d, \"features\": [\"Annual Income (k$)\", "
            + "\"Spending Score (1-100)\"]}";

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    private Api api() {
        return new Api(port);
    }

    @Test
    void theFirstPublishEntersEveryoneAndLaterOnesOnlyTheCustomersWhoMoved() {
        long dataset = api().uploadMallCustomers();
        long three = api().succeededRun(RUN.formatted(dataset, 3));
        long five = api().succeededRun(RUN.formatted(dataset, 5));

        publish(three);
        List<JsonNode> first = allEvents(dataset, 0, 10_000);
        assertThat(first).hasSize(200).allSatisfy(event -> {
            assertThat(event.get("type").asString()).isEqualTo("ENTERED");
            assertThat(event.get("segmentationId").asLong()).isEqualTo(three);
            assertThat(event.get("datasetId").asLong()).isEqualTo(dataset);
        });
        assertThat(first.stream().map(event -> event.get("customerId").asString()).distinct()).hasSize(200);
        Map<String, String> members = replay(new HashMap<>(), first);
        assertThat(members).isEqualTo(liveSegments(dataset));

        long cursor = first.get(first.size() - 1).get("id").asLong();
        publish(five);
        List<JsonNode> second = allEvents(dataset, cursor, 10_000);
        Map<String, String> before = Map.copyOf(members);
        replay(members, second);
        Map<String, String> after = liveSegments(dataset);
        assertThat(members).isEqualTo(after);
        // Only the customers whose segment key changed have events: an exit from the old key, then the entry.
        long moved = after.keySet().stream().filter(customer -> !after.get(customer).equals(before.get(customer))).count();
        assertThat(moved).isPositive();
        assertThat(second).hasSize((int) (2 * moved));
        for (int i = 0; i < second.size(); i += 2) {
            JsonNode exit = second.get(i);
            JsonNode entry = second.get(i + 1);
            assertThat(exit.get("type").asString()).isEqualTo("EXITED");
            assertThat(entry.get("type").asString()).isEqualTo("ENTERED");
            assertThat(exit.get("customerId").asString()).isEqualTo(entry.get("customerId").asString());
            assertThat(exit.get("segmentKey").asString()).isEqualTo(before.get(exit.get("customerId").asString()));
            assertThat(entry.get("segmentationId").asLong()).isEqualTo(five);
        }

        // Back to the first run (whose segments now take over the keys they match): the replay still ends where the
        // service is.
        publish(three);
        replay(members, allEvents(dataset, second.get(second.size() - 1).get("id").asLong(), 10_000));
        assertThat(members).isEqualTo(liveSegments(dataset));
        // Publishing what is live already changes nothing.
        long end = lastId(dataset);
        publish(three);
        assertThat(lastId(dataset)).isEqualTo(end);
    }

    @Test
    void aConsumerThatKeepsTheCursorSeesEveryEventOnceWhateverItsPageSize() {
        long dataset = api().uploadMallCustomers();
        publish(api().succeededRun(RUN.formatted(dataset, 3)));
        publish(api().succeededRun(RUN.formatted(dataset, 6)));

        List<Long> inOne = allEvents(dataset, 0, 10_000).stream().map(event -> event.get("id").asLong()).toList();
        List<Long> inSevens = allEvents(dataset, 0, 7).stream().map(event -> event.get("id").asLong()).toList();
        assertThat(inSevens).isEqualTo(inOne).isSorted().doesNotHaveDuplicates();
        // Without a dataset the feed holds every dataset's events, in the same order.
        Answer all = api().get("/api/segments/changes?after=" + (inOne.get(0) - 1) + "&limit=" + inOne.size());
        assertThat(all.json().get("events").get(0).get("id").asLong()).isEqualTo(inOne.get(0));
        // Nothing newer: no events, and the same cursor to ask with later.
        Answer none = api().get("/api/segments/changes?dataset=" + dataset + "&after=" + inOne.get(inOne.size() - 1));
        assertThat(none.json().get("events")).isEmpty();
        assertThat(none.json().get("next").asLong()).isEqualTo(inOne.get(inOne.size() - 1));
    }

    @Test
    void publishesOfTwoDatasetsAtOnceWriteTheirEventsOneAfterTheOther() throws Exception {
        long a = api().uploadMallCustomers();
        long b = api().uploadMallCustomers();
        long runA = api().succeededRun(RUN.formatted(a, 4));
        long runB = api().succeededRun(RUN.formatted(b, 4));
        long start = lastId(null);

        CompletableFuture<Void> publishA = CompletableFuture.runAsync(() -> publish(runA));
        CompletableFuture<Void> publishB = CompletableFuture.runAsync(() -> publish(runB));
        CompletableFuture.allOf(publishA, publishB).get();

        List<JsonNode> events = new ArrayList<>();
        for (JsonNode event : allEvents(null, start, 10_000)) {
            if (event.get("datasetId").asLong() == a || event.get("datasetId").asLong() == b) {
                events.add(event);
            }
        }
        assertThat(events).hasSize(400);
        // Each publish's 200 events are one unbroken block of the order.
        long switches = 0;
        for (int i = 1; i < events.size(); i++) {
            switches += events.get(i).get("datasetId").asLong() != events.get(i - 1).get("datasetId").asLong() ? 1 : 0;
        }
        assertThat(switches).isEqualTo(1);
    }

    @Test
    void aPublishWritesItsEventsOnlyUnderTheEventLockSoNoLaterIdIsSeenBeforeAnEarlierOne() throws Exception {
        long dataset = api().uploadMallCustomers();
        long run = api().succeededRun(RUN.formatted(dataset, 3));
        CompletableFuture<Void> publishing;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.execute("SELECT pg_advisory_xact_lock(" + MembershipChanges.EVENT_ORDER_LOCK_CLASS + ", 0)");
            }
            publishing = CompletableFuture.runAsync(() -> publish(run));
            // While another transaction holds the lock, the publish waits before writing anything.
            assertThatThrownBy(() -> publishing.get(2, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(allEvents(dataset, 0, 10_000)).isEmpty();
            holder.rollback();
        }
        publishing.get(60, TimeUnit.SECONDS);
        assertThat(allEvents(dataset, 0, 10_000)).hasSize(200);
    }

    @Test
    void membershipIsAnsweredPerSegmentAndCustomer() {
        long dataset = api().uploadMallCustomers();
        publish(api().succeededRun(RUN.formatted(dataset, 3)));
        Map<String, String> live = liveSegments(dataset);
        String customer = live.keySet().iterator().next();
        String key = live.get(customer);
        String otherKey = live.values().stream().filter(k -> !k.equals(key)).findFirst().orElseThrow();

        JsonNode yes = api().get("/api/segments/" + key + "/members/" + customer + "?dataset=" + dataset).json();
        assertThat(yes.get("member").asBoolean()).isTrue();
        assertThat(api().get("/api/segments/" + otherKey + "/members/" + customer + "?dataset=" + dataset).json()
            .get("member").asBoolean()).isFalse();
        assertThat(api().get("/api/segments/" + key + "/members/no-such-customer?dataset=" + dataset).json()
            .get("member").asBoolean()).isFalse();
        long size = live.values().stream().filter(key::equals).count();
        assertThat(api().get("/api/segments/" + key + "/members/count?dataset=" + dataset).json().get("count").asLong())
            .isEqualTo(size);
        JsonNode page = api().get("/api/segments/" + key + "/members?dataset=" + dataset + "&size=1000").json();
        assertThat(page.get("totalElements").asLong()).isEqualTo(size);
        assertThat(page.get("content")).hasSize((int) size);
        assertThat(api().get("/api/segments/no-such-key/members/count").status()).isEqualTo(404);
    }

    @Test
    void theEventsGoWithTheirDataset() {
        long dataset = api().uploadMallCustomers();
        long start = lastId(null);
        publish(api().succeededRun(RUN.formatted(dataset, 3)));
        assertThat(allEvents(dataset, 0, 10_000)).hasSize(200);

        assertThat(api().delete("/api/datasets/" + dataset + "?force=true").status()).isEqualTo(204);

        assertThat(api().get("/api/segments/changes?dataset=" + dataset).status()).isEqualTo(404);
        assertThat(allEvents(null, start, 10_000)).noneMatch(event -> event.get("datasetId").asLong() == dataset);
    }

    @Test
    void aBadCursorOrLimitIsA400AndAnUnknownDatasetA404ReadersMayFollowTheFeed() {
        assertThat(api().get("/api/segments/changes?limit=0").status()).isEqualTo(400);
        assertThat(api().get("/api/segments/changes?limit=10001").status()).isEqualTo(400);
        Answer negative = api().get("/api/segments/changes?after=-1");
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.contentType()).startsWith("application/problem+json");
        assertThat(api().get("/api/segments/changes?after=abc").status()).isEqualTo(400);
        assertThat(api().get("/api/segments/changes?dataset=987654321").status()).isEqualTo(404);
        Api reader = api().withKey(api().createKey("feed reader " + System.nanoTime(), "READER"));
        assertThat(reader.get("/api/segments/changes?limit=1").status()).isEqualTo(200);
        assertThat(api().withKey(null).get("/api/segments/changes").status()).isEqualTo(401);
    }

    private void publish(long run) {
        Answer published = api().postJson("/api/segmentations/" + run + "/publish", "");
        assertThat(published.status()).as(published.body()).isEqualTo(200);
    }

    private List<JsonNode> allEvents(Long dataset, long after, int limit) {
        return allEvents(api(), dataset, after, limit);
    }

    /** Every event of a dataset's lineage after the cursor. */
    static List<JsonNode> lineageEvents(Api api, long dataset, long after) {
        return allEvents(api, dataset, after, 10_000);
    }

    /** Every event after the cursor, read a page at a time with each page's next. */
    private static List<JsonNode> allEvents(Api api, Long dataset, long after, int limit) {
        List<JsonNode> events = new ArrayList<>();
        long cursor = after;
        while (true) {
            JsonNode page = api.get("/api/segments/changes?after=" + cursor + "&limit=" + limit
                    + (dataset == null ? "" : "&dataset=" + dataset)).json();
            page.get("events").forEach(events::add);
            if (page.get("events").isEmpty()) {
                return events;
            }
            cursor = page.get("next").asLong();
        }
    }

    private long lastId(Long dataset) {
        List<JsonNode> events = allEvents(dataset, 0, 10_000);
        return events.isEmpty() ? 0 : events.get(events.size() - 1).get("id").asLong();
    }

    /** Applies events to a customer -> segment key map; an exit must be from the segment the customer is in. */
    static Map<String, String> replay(Map<String, String> members, List<JsonNode> events) {
        for (JsonNode event : events) {
            String customer = event.get("customerId").asString();
            String key = event.get("segmentKey").asString();
            if (event.get("type").asString().equals("EXITED")) {
                assertThat(members.remove(customer)).as("the segment %s exits", customer).isEqualTo(key);
            }
            else {
                assertThat(members.put(customer, key)).as("%s enters while in a segment", customer).isNull();
            }
        }
        return members;
    }

    private Map<String, String> liveSegments(long dataset) {
        return liveSegments(api(), dataset);
    }

    /** Every customer's live segment key, as the members pages say. */
    static Map<String, String> liveSegments(Api api, long dataset) {
        Map<String, String> members = new HashMap<>();
        for (JsonNode segment : api.get("/api/segments?dataset=" + dataset).json().get("segments")) {
            String key = segment.get("key").asString();
            api.get("/api/segments/" + key + "/members?dataset=" + dataset + "&size=1000").json().get("content")
                .forEach(member -> members.put(member.get("externalId").asString(), key));
        }
        return members;
    }

}
