package be.petition.topology;

import static be.petition.topology.Events.CAMPAIGN;
import static be.petition.topology.Events.app;
import static be.petition.topology.Events.call;
import static be.petition.topology.Events.web;
import static be.petition.topology.Events.withdrawal;
import static org.assertj.core.api.Assertions.assertThat;

import be.petition.avro.CallSignature;
import be.petition.avro.CallStatus;
import be.petition.avro.Channel;
import be.petition.avro.Count;
import be.petition.avro.Language;
import be.petition.avro.Signature;
import be.petition.avro.WebSignature;
import be.petition.avro.Withdrawal;
import be.petition.avro.WithdrawalReason;
import be.petition.counting.UncountableReason;
import be.petition.geography.Regions;
import be.petition.service.KafkaStreamsConfig;
import be.petition.topics.RejectionHeaders;
import be.petition.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignatureTopologyTest {
    private static final Instant MONDAY = Instant.parse("2023-11-20T12:30:00Z");

    @TempDir
    Path stateDir;
    private TopologyFixture fixture;

    @BeforeEach
    void start() {
        fixture = new TopologyFixture(stateDir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String channelRegion(Channel channel, String region) {
        return CountKeys.channelRegion(CAMPAIGN, channel, region);
    }

    @Test
    void aPersonWhoCallsAndThenSignsOnTheWebWithTheSameNumberCountsOnce() {
        fixture.calls.pipeInput("k-phone", call("call-1", "k-phone", "BE-VAN", MONDAY));
        fixture.web.pipeInput("k-phone", web("web-1", "k-phone", "BE-VAN", MONDAY.plusSeconds(600)));

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.CALL, "BE-VAN"), 1L));
        assertThat(fixture.count(StoreNames.DUPLICATES,
                CountKeys.duplicate(CAMPAIGN, Channel.WEB, DuplicateKind.REPEAT_SIGNER))).isEqualTo(1);
        List<KeyValue<String, Signature>> accepted = fixture.accepted.readKeyValuesToList();
        assertThat(accepted).hasSize(1);
        assertThat(accepted.get(0).key).isEqualTo(CAMPAIGN + "/k-phone");
        assertThat(accepted.get(0).value.getChannel()).isEqualTo(Channel.CALL);
        assertThat(accepted.get(0).value.getEventId()).isEqualTo("call-1");
    }

    @Test
    void theSameEventDeliveredThreeTimesCountsOnce() {
        for (int i = 0; i < 3; i++) {
            fixture.web.pipeInput("k-web", web("web-1", "k-web", "BE-WLG", MONDAY));
        }

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.WEB, "BE-WLG"), 1L));
        assertThat(fixture.nonZero(StoreNames.DUPLICATES)).containsExactly(
                Map.entry(CountKeys.duplicate(CAMPAIGN, Channel.WEB, DuplicateKind.REDELIVERED), 2L));
        assertThat(fixture.accepted.readKeyValuesToList()).hasSize(1);
    }

    @Test
    void aWithdrawalTakesTheSignatureOffEveryCountAndTheSignerMaySignAgain() {
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-BRU", MONDAY));
        fixture.web.pipeInput("k-2", web("web-2", "k-2", "BE-BRU", MONDAY));
        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY.plusSeconds(3600)));

        String key = channelRegion(Channel.WEB, "BE-BRU");
        assertThat(fixture.count(StoreNames.COUNTS_BY_CHANNEL_REGION, key)).isEqualTo(1);
        assertThat(fixture.count(StoreNames.COUNTS_BY_HOUR,
                CountKeys.hour(CAMPAIGN, MONDAY, Channel.WEB, "BE-BRU"))).isEqualTo(1);
        assertThat(fixture.count(StoreNames.COUNTS_BY_DAY,
                CountKeys.day(CAMPAIGN, MONDAY, Channel.WEB, "BE-BRU"))).isEqualTo(1);
        List<KeyValue<String, Signature>> accepted = fixture.accepted.readKeyValuesToList();
        assertThat(accepted).extracting(kv -> kv.key).containsExactly(CAMPAIGN + "/k-1", CAMPAIGN + "/k-2",
                CAMPAIGN + "/k-1");
        assertThat(accepted.get(2).value).as("tombstone").isNull();

        Instant later = MONDAY.plusSeconds(86_400);
        fixture.app.pipeInput("k-1", app("app-1", "k-1", "BE-VLI", later));

        assertThat(fixture.count(StoreNames.COUNTS_BY_CHANNEL_REGION, channelRegion(Channel.APP, "BE-VLI")))
                .isEqualTo(1);
        assertThat(fixture.count(StoreNames.COUNTS_BY_DAY, CountKeys.day(CAMPAIGN, later, Channel.APP, "BE-VLI")))
                .isEqualTo(1);
        assertThat(fixture.accepted.readKeyValuesToList()).singleElement()
                .satisfies(kv -> assertThat(kv.value.getEventId()).isEqualTo("app-1"));
        Map<String, Count> latestCounts = fixture.counts().readKeyValuesToMap();
        assertThat(latestCounts.get(key).getCount()).isEqualTo(1);
        assertThat(latestCounts.get(channelRegion(Channel.APP, "BE-VLI")).getCount()).isEqualTo(1);
    }

    @Test
    void aRedeliveredWithdrawalDoesNotRemoveTheSignatureGivenAfterIt() {
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VBR", MONDAY));
        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY));
        fixture.web.pipeInput("k-1", web("web-2", "k-1", "BE-VBR", MONDAY.plusSeconds(60)));
        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY));
        // the first signature again, after the withdrawal: a redelivery, not a new signature
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VBR", MONDAY));

        assertThat(fixture.count(StoreNames.COUNTS_BY_CHANNEL_REGION, channelRegion(Channel.WEB, "BE-VBR")))
                .isEqualTo(1);
        assertThat(fixture.count(StoreNames.DUPLICATES,
                CountKeys.duplicate(CAMPAIGN, Channel.WEB, DuplicateKind.REDELIVERED))).isEqualTo(1);
    }

    @Test
    void aWithdrawalProcessedBeforeItsSignatureIsRememberedAndOnlyALaterSignatureCounts() {
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VOV", MONDAY));
        fixture.accepted.readKeyValuesToList();
        fixture.counts().readKeyValuesToList();

        fixture.withdrawals.pipeInput("k-2", withdrawal("wd-2", "k-2", MONDAY.plusSeconds(60)));

        assertThat(fixture.accepted.isEmpty()).isTrue();
        assertThat(fixture.counts().isEmpty()).as("nobody to take off yet").isTrue();
        assertThat(fixture.rejected.isEmpty()).isTrue();

        // the signature it withdraws arrives later (another topic, read later), then a new one after the withdrawal
        fixture.app.pipeInput("k-2", app("app-2", "k-2", "BE-VOV", MONDAY));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.WEB, "BE-VOV"), 1L));
        assertThat(fixture.accepted.isEmpty()).isTrue();

        fixture.web.pipeInput("k-2", web("web-2", "k-2", "BE-VOV", MONDAY.plusSeconds(120)));
        assertThat(fixture.count(StoreNames.COUNTS_BY_CHANNEL_REGION, channelRegion(Channel.WEB, "BE-VOV")))
                .isEqualTo(2);
        assertThat(fixture.accepted.readKeyValuesToList()).singleElement()
                .satisfies(kv -> assertThat(kv.value.getEventId()).isEqualTo("web-2"));
    }

    @Test
    void aLateEarlierSignatureTakesTheSignersCellAndTheLaterOneBecomesARepeat() {
        Instant later = MONDAY.plusSeconds(2 * 86_400);
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-WLG", later));
        fixture.calls.pipeInput("k-1", call("call-1", "k-1", "BE-VAN", MONDAY));

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.CALL, "BE-VAN"), 1L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_DAY))
                .containsExactly(Map.entry(CountKeys.day(CAMPAIGN, MONDAY, Channel.CALL, "BE-VAN"), 1L));
        assertThat(fixture.nonZero(StoreNames.DUPLICATES)).containsExactly(
                Map.entry(CountKeys.duplicate(CAMPAIGN, Channel.WEB, DuplicateKind.REPEAT_SIGNER), 1L));
        assertThat(fixture.accepted.readKeyValuesToList()).extracting(kv -> kv.value.getEventId())
                .containsExactly("web-1", "call-1");
    }

    @Test
    void aWithdrawalBetweenTwoSignaturesMovesTheSignerToTheLaterOneWhateverTheOrder() {
        Instant later = MONDAY.plusSeconds(3600);
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-BRU", MONDAY));
        fixture.app.pipeInput("k-1", app("app-1", "k-1", "BE-VLI", later));
        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY.plusSeconds(60)));

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.APP, "BE-VLI"), 1L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_HOUR))
                .containsExactly(Map.entry(CountKeys.hour(CAMPAIGN, later, Channel.APP, "BE-VLI"), 1L));
        assertThat(fixture.accepted.readKeyValuesToMap().get(CAMPAIGN + "/k-1").getEventId()).isEqualTo("app-1");
    }

    @Test
    void aRetryOfAWithdrawnSignatureWithALaterTimeIsTheSameEventAndDoesNotSignAgain() {
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VBR", MONDAY));
        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY.plusSeconds(60)));
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VBR", MONDAY.plusSeconds(120)));

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEmpty();
        assertThat(fixture.count(StoreNames.DUPLICATES,
                CountKeys.duplicate(CAMPAIGN, Channel.WEB, DuplicateKind.REDELIVERED))).isEqualTo(1);
    }

    @Test
    void corruptBytesGoToTheRejectedTopicUnchangedAndTheNextRecordStillCounts() {
        byte[] key = "k-bad".getBytes(StandardCharsets.UTF_8);
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        fixture.rawWeb.pipeInput(key, garbage);
        fixture.web.pipeInput("k-good", web("web-1", "k-good", "BE-WNA", MONDAY));

        TestRecord<byte[], byte[]> rejected = fixture.rejected.readRecord();
        assertThat(rejected.key()).isEqualTo(key);
        assertThat(rejected.value()).isEqualTo(garbage);
        assertThat(header(rejected.headers(), Topics.HEADER_REASON)).isEqualTo(RejectionReason.CORRUPT_RECORD.code());
        assertThat(header(rejected.headers(), Topics.HEADER_DETAIL)).contains("magic byte");
        assertThat(header(rejected.headers(), Topics.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.WEB.name());
        assertThat(header(rejected.headers(), Topics.HEADER_SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(rejected.headers(), Topics.HEADER_SOURCE_OFFSET)).isEqualTo("0");
        assertThat(RejectionHeaders.from(rejected.headers())).contains(new RejectionHeaders("corrupt-record",
                header(rejected.headers(), Topics.HEADER_DETAIL), Topics.WEB.name(), 0, 0));
        assertThat(fixture.rejected.isEmpty()).isTrue();
        assertThat(fixture.count(StoreNames.COUNTS_BY_CHANNEL_REGION, channelRegion(Channel.WEB, "BE-WNA")))
                .isEqualTo(1);
    }

    @Test
    void truncatedAvroIsCorrupt() {
        byte[] good = fixture.<WebSignature>serializer().serialize(Topics.WEB.name(),
                web("web-1", "k-1", "BE-WNA", MONDAY));
        byte[] truncated = java.util.Arrays.copyOf(good, 9);
        fixture.rawWeb.pipeInput("k-1".getBytes(StandardCharsets.UTF_8), truncated);

        TestRecord<byte[], byte[]> rejected = fixture.rejected.readRecord();
        assertThat(rejected.value()).isEqualTo(truncated);
        assertThat(header(rejected.headers(), Topics.HEADER_REASON)).isEqualTo(RejectionReason.CORRUPT_RECORD.code());
    }

    @Test
    void aRecordWithAnUnknownSchemaIdIsRejectedAndTheNextRecordStillCounts() {
        byte[] good = fixture.<CallSignature>serializer().serialize(Topics.CALLS.name(),
                call("call-0", "k-0", "BE-VAN", MONDAY));
        byte[] unknownId = good.clone();
        ByteBuffer.wrap(unknownId).putInt(1, 424_242);
        fixture.rawCalls.pipeInput("k-0".getBytes(StandardCharsets.UTF_8), unknownId);
        fixture.calls.pipeInput("k-1", call("call-1", "k-1", "BE-VAN", MONDAY));

        TestRecord<byte[], byte[]> rejected = fixture.rejected.readRecord();
        assertThat(rejected.value()).isEqualTo(unknownId);
        assertThat(rejected.key()).isEqualTo("k-0".getBytes(StandardCharsets.UTF_8));
        assertThat(header(rejected.headers(), Topics.HEADER_REASON)).isEqualTo(RejectionReason.UNKNOWN_SCHEMA.code());
        assertThat(header(rejected.headers(), Topics.HEADER_SOURCE_TOPIC)).isEqualTo(Topics.CALLS.name());
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.CALL, "BE-VAN"), 1L));
    }

    @Test
    void aRecordOfAnotherTypeIsAnIncompatibleSchema() {
        byte[] webBytes = fixture.<WebSignature>serializer().serialize(Topics.WEB.name(),
                web("web-1", "k-1", "BE-WNA", MONDAY));
        fixture.rawCalls.pipeInput("k-1".getBytes(StandardCharsets.UTF_8), webBytes);

        assertThat(header(fixture.rejected.readRecord().headers(), Topics.HEADER_REASON))
                .isEqualTo(RejectionReason.INCOMPATIBLE_SCHEMA.code());
    }

    @Test
    void anUnknownRegionIsRejectedWithItsOriginalBytesAndTheNextRecordStillCounts() {
        WebSignature bad = web("web-1", "k-1", "BE-XYZ", MONDAY);
        byte[] badBytes = fixture.<WebSignature>serializer().serialize(Topics.WEB.name(), bad);
        fixture.web.pipeInput("k-1", bad);
        fixture.web.pipeInput("k-1", web("web-2", "k-1", "FR", MONDAY));

        TestRecord<byte[], byte[]> rejected = fixture.rejected.readRecord();
        assertThat(rejected.value()).isEqualTo(badBytes);
        assertThat(header(rejected.headers(), Topics.HEADER_REASON)).isEqualTo(RejectionReason.UNKNOWN_REGION.code());
        assertThat(header(rejected.headers(), Topics.HEADER_DETAIL)).contains("region").doesNotContain("BE-XYZ");
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.WEB, "FR"), 1L));
    }

    @Test
    void everyRegionOfTheDesignIsKnown() {
        for (String region : List.of("BE-VAN", "BE-VBR", "BE-VLI", "BE-VOV", "BE-VWV", "BE-WBR", "BE-WHT",
                "BE-WLG", "BE-WLX", "BE-WNA", "BE-BRU", "BE", "NL", "FR", "DE", "LU", "US", "ZZ")) {
            assertThat(Regions.isKnown(region)).as(region).isTrue();
        }
        for (String region : List.of("BE-VLG", "BE-WAL", "XX", "be-van", "", "BEL")) {
            assertThat(Regions.isKnown(region)).as(region).isFalse();
        }
        assertThat(Regions.isKnown(null)).isFalse();
    }

    @Test
    void unknownCampaignsFutureEventsMissingFieldsAndMismatchedKeysAreRejected() {
        WebSignature otherCampaign = web("web-1", "k-1", "BE-VAN", MONDAY);
        otherCampaign.setCampaign("another-campaign");
        fixture.web.pipeInput("k-1", otherCampaign);
        fixture.web.pipeInput("k-2", web("web-2", "k-2", "BE-VAN", TopologyFixture.NOW.plusSeconds(3600)));
        fixture.web.pipeInput("k-3", web("", "k-3", "BE-VAN", MONDAY));
        fixture.web.pipeInput("k-other", web("web-4", "k-4", "BE-VAN", MONDAY));
        fixture.web.pipeInput(null, web("web-5", "k-5", "BE-VAN", MONDAY));
        fixture.web.pipeInput("k-6", web("web-6", "k-6", "BE-VAN", TopologyFixture.NOW.plusSeconds(60)));

        assertThat(fixture.rejected.readRecordsToList())
                .extracting(record -> header(record.headers(), Topics.HEADER_REASON))
                .containsExactly(RejectionReason.UNKNOWN_CAMPAIGN.code(), RejectionReason.FUTURE_EVENT_TIME.code(), RejectionReason.MISSING_FIELD.code(), RejectionReason.KEY_MISMATCH.code(),
                        RejectionReason.KEY_MISMATCH.code());
        assertThat(fixture.nonZero(StoreNames.REJECTED_RECORDS)).isEqualTo(Map.of(
                CountKeys.rejected(CAMPAIGN, RejectionReason.UNKNOWN_CAMPAIGN), 1L,
                CountKeys.rejected(CAMPAIGN, RejectionReason.FUTURE_EVENT_TIME), 1L,
                CountKeys.rejected(CAMPAIGN, RejectionReason.MISSING_FIELD), 1L,
                CountKeys.rejected(CAMPAIGN, RejectionReason.KEY_MISMATCH), 2L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).as("within the allowed skew")
                .containsExactly(Map.entry(channelRegion(Channel.WEB, "BE-VAN"), 1L));
    }

    @Test
    void aRecordWithNoValueIsRejected() {
        fixture.rawWeb.pipeInput("k-1".getBytes(StandardCharsets.UTF_8), (byte[]) null);
        assertThat(header(fixture.rejected.readRecord().headers(), Topics.HEADER_REASON)).isEqualTo(RejectionReason.MISSING_VALUE.code());
    }

    @Test
    void rejectedRecordsAreCountedByReasonInTheirCampaignOrTheDefaultOneWhenItCannotBeRead() {
        fixture.close();
        TopologySettings settings = new TopologySettings(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name(),
                Topics.WITHDRAWALS.name(), Topics.ACCEPTED.name(), Topics.REJECTED.name(), Topics.COUNTS.name(),
                new LinkedHashSet<>(List.of(CAMPAIGN, "other")), TopologySettings.DEFAULT_COUNTING_CALL_STATUSES,
                TopologySettings.DEFAULT_MAX_FUTURE_SKEW, TopologySettings.DEFAULT_TALLY_FLUSH_INTERVAL);
        fixture = new TopologyFixture(settings, stateDir.resolve("rejections"));
        WebSignature otherRegion = web("web-1", "k-1", "BE-XYZ", MONDAY);
        otherRegion.setCampaign("other");
        fixture.web.pipeInput("k-1", otherRegion);
        fixture.web.pipeInput("k-2", web("web-2", "k-2", "BE-XYZ", MONDAY));
        fixture.web.pipeInput("k-3", web("web-3", "k-3", "BE-XYZ", MONDAY));
        WebSignature unknownCampaign = web("web-4", "k-4", "BE-XYZ", MONDAY);
        unknownCampaign.setCampaign("another-campaign");
        fixture.web.pipeInput("k-4", unknownCampaign);
        fixture.rawWeb.pipeInput("k-5".getBytes(StandardCharsets.UTF_8),
                "not avro".getBytes(StandardCharsets.UTF_8));
        fixture.rawCalls.pipeInput("k-6".getBytes(StandardCharsets.UTF_8), (byte[]) null);
        Withdrawal otherWithdrawal = withdrawal("wd-7", "k-7", MONDAY);
        otherWithdrawal.setCampaign("other");
        fixture.withdrawals.pipeInput("k-wrong", otherWithdrawal);

        assertThat(fixture.rejected.getQueueSize()).isEqualTo(7);
        assertThat(fixture.nonZero(StoreNames.REJECTED_RECORDS)).isEqualTo(Map.of(
                "other/unknown-region", 1L,
                "other/key-mismatch", 1L,
                CAMPAIGN + "/unknown-region", 2L,
                CAMPAIGN + "/unknown-campaign", 1L,
                CAMPAIGN + "/corrupt-record", 1L,
                CAMPAIGN + "/missing-value", 1L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEmpty();
    }

    @Test
    void withheldCallsAndCallsThatDoNotCountAreCountedAsUncountableNotRejected() {
        fixture.calls.pipeInput((String) null, call("call-1", null, "ZZ", MONDAY));
        fixture.calls.pipeInput((String) null, call("call-2", null, "ZZ", MONDAY));
        CallSignature busy = call("call-3", "k-3", "BE-VAN", MONDAY);
        busy.setStatus(CallStatus.BUSY);
        fixture.calls.pipeInput("k-3", busy);
        CallSignature inProgress = call("call-4", "k-4", "BE-VAN", MONDAY);
        inProgress.setStatus(CallStatus.IN_PROGRESS);
        fixture.calls.pipeInput("k-4", inProgress);

        assertThat(fixture.rejected.isEmpty()).isTrue();
        assertThat(fixture.nonZero(StoreNames.UNCOUNTABLE_CALLS)).containsExactlyInAnyOrderEntriesOf(Map.of(
                CountKeys.uncountable(CAMPAIGN, UncountableReason.WITHHELD), 2L,
                CountKeys.uncountable(CAMPAIGN, "STATUS_BUSY"), 1L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.CALL, "BE-VAN"), 1L));
    }

    @Test
    void hourAndDayBucketsFollowTheBrusselsCalendarAcrossTheSpringChange() {
        // 26 March 2023: 02:00 CET becomes 03:00 CEST, the day has 23 hours
        checkBuckets(Map.of(
                "2023-03-25T22:59:00Z", "2023-03-25T22:00Z/2023-03-25", // 23:59 CET on the 25th
                "2023-03-25T23:00:00Z", "2023-03-25T23:00Z/2023-03-26", // 00:00 CET
                "2023-03-26T00:30:00Z", "2023-03-26T00:00Z/2023-03-26", // 01:30 CET
                "2023-03-26T01:30:00Z", "2023-03-26T01:00Z/2023-03-26", // 03:30 CEST: 02:xx does not exist
                "2023-03-26T21:59:00Z", "2023-03-26T21:00Z/2023-03-26", // 23:59 CEST, the 23rd hour
                "2023-03-26T22:00:00Z", "2023-03-26T22:00Z/2023-03-27"), 23);
        // 31 March 2024
        checkBuckets(Map.of(
                "2024-03-30T23:00:00Z", "2024-03-30T23:00Z/2024-03-31",
                "2024-03-31T00:59:00Z", "2024-03-31T00:00Z/2024-03-31",
                "2024-03-31T01:00:00Z", "2024-03-31T01:00Z/2024-03-31",
                "2024-03-31T21:59:00Z", "2024-03-31T21:00Z/2024-03-31",
                "2024-03-31T22:00:00Z", "2024-03-31T22:00Z/2024-04-01"), 23);
    }

    @Test
    void hourAndDayBucketsFollowTheBrusselsCalendarAcrossTheAutumnChange() {
        // 29 October 2023: 03:00 CEST becomes 02:00 CET, 02:xx happens twice, the day has 25 hours
        checkBuckets(Map.of(
                "2023-10-28T21:59:00Z", "2023-10-28T21:00Z/2023-10-28", // 23:59 CEST on the 28th
                "2023-10-28T22:00:00Z", "2023-10-28T22:00Z/2023-10-29", // 00:00 CEST
                "2023-10-29T00:30:00Z", "2023-10-29T00:00Z/2023-10-29", // 02:30 CEST
                "2023-10-29T01:30:00Z", "2023-10-29T01:00Z/2023-10-29", // 02:30 CET, a second 02:30
                "2023-10-29T22:59:00Z", "2023-10-29T22:00Z/2023-10-29", // 23:59 CET, the 25th hour
                "2023-10-29T23:00:00Z", "2023-10-29T23:00Z/2023-10-30"), 25);
        // 27 October 2024
        checkBuckets(Map.of(
                "2024-10-26T22:00:00Z", "2024-10-26T22:00Z/2024-10-27",
                "2024-10-27T00:59:00Z", "2024-10-27T00:00Z/2024-10-27",
                "2024-10-27T01:00:00Z", "2024-10-27T01:00Z/2024-10-27",
                "2024-10-27T22:59:00Z", "2024-10-27T22:00Z/2024-10-27",
                "2024-10-27T23:00:00Z", "2024-10-27T23:00Z/2024-10-28"), 25);
    }

    /** Signs once at each instant and checks its hour and day bucket; every hour of the changed day is counted. */
    private void checkBuckets(Map<String, String> expected, int hoursOfTheDay) {
        int n = 0;
        for (Map.Entry<String, String> entry : expected.entrySet()) {
            String signer = "k-" + entry.getKey();
            fixture.app.pipeInput(signer, app("app-" + entry.getKey(), signer, "BE-WHT", Instant.parse(entry.getKey())));
            String[] hourAndDay = entry.getValue().split("/");
            assertThat(fixture.count(StoreNames.COUNTS_BY_HOUR,
                    CAMPAIGN + "/" + hourAndDay[0] + "/APP/BE-WHT")).as(entry.getKey()).isGreaterThanOrEqualTo(1);
            assertThat(fixture.count(StoreNames.COUNTS_BY_DAY,
                    CAMPAIGN + "/" + hourAndDay[1] + "/APP/BE-WHT")).as(entry.getKey()).isGreaterThanOrEqualTo(1);
            n++;
        }
        assertThat(n).isEqualTo(expected.size());
        String day = expected.values().stream().map(v -> v.split("/")[1]).sorted().skip(1).findFirst().orElseThrow();
        Instant start = java.time.LocalDate.parse(day).atStartOfDay(CountKeys.ZONE).toInstant();
        Instant end = java.time.LocalDate.parse(day).plusDays(1).atStartOfDay(CountKeys.ZONE).toInstant();
        assertThat(java.time.Duration.between(start, end).toHours()).isEqualTo(hoursOfTheDay);
        for (Instant hour = start; hour.isBefore(end); hour = hour.plusSeconds(3600)) {
            String signer = "k-hourly-" + hour;
            fixture.web.pipeInput(signer, web("web-" + hour, signer, "BE-WHT", hour.plusSeconds(1800)));
        }
        long hourBuckets = fixture.nonZero(StoreNames.COUNTS_BY_HOUR).keySet().stream()
                .filter(key -> key.contains("/WEB/")).map(key -> key.split("/")[1])
                .filter(hour -> CountKeys.day(Instant.parse(hour.replace("Z", ":00Z"))).toString().equals(day))
                .count();
        assertThat(hourBuckets).isEqualTo(hoursOfTheDay);
        assertThat(fixture.count(StoreNames.COUNTS_BY_DAY, CAMPAIGN + "/" + day + "/WEB/BE-WHT"))
                .isEqualTo(hoursOfTheDay);
    }

    @Test
    void eventsArrivingOutOfOrderAreCountedInTheHourTheyHappened() {
        Instant late = Instant.parse("2023-11-21T09:15:00Z");
        Instant early = Instant.parse("2023-11-20T09:15:00Z");
        fixture.web.pipeInput("k-late", web("web-late", "k-late", "BE-VWV", late));
        fixture.web.pipeInput("k-early", web("web-early", "k-early", "BE-VWV", early));
        fixture.web.pipeInput("k-earlier", web("web-earlier", "k-earlier", "BE-VWV", early.minusSeconds(600)));

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_HOUR)).containsExactlyInAnyOrderEntriesOf(Map.of(
                CAMPAIGN + "/2023-11-21T09:00Z/WEB/BE-VWV", 1L,
                CAMPAIGN + "/2023-11-20T09:00Z/WEB/BE-VWV", 2L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_DAY)).containsExactlyInAnyOrderEntriesOf(Map.of(
                CAMPAIGN + "/2023-11-21/WEB/BE-VWV", 1L,
                CAMPAIGN + "/2023-11-20/WEB/BE-VWV", 2L));
        // a withdrawal takes the signature off the hour it was counted in, not the hour of the withdrawal
        fixture.withdrawals.pipeInput("k-early", withdrawal("wd-1", "k-early", late.plusSeconds(7200)));
        assertThat(fixture.count(StoreNames.COUNTS_BY_HOUR, CAMPAIGN + "/2023-11-20T09:00Z/WEB/BE-VWV")).isEqualTo(1);
        assertThat(fixture.count(StoreNames.COUNTS_BY_HOUR, CAMPAIGN + "/2023-11-21T09:00Z/WEB/BE-VWV")).isEqualTo(1);
    }

    @Test
    void hourKeysSortInTimeOrderSoAHistoryIsOneRange() {
        fixture.web.pipeInput("k-1", web("w-1", "k-1", "BE-VAN", Instant.parse("2023-11-20T23:30:00Z")));
        fixture.web.pipeInput("k-2", web("w-2", "k-2", "BE-VAN", Instant.parse("2023-11-20T08:30:00Z")));
        fixture.web.pipeInput("k-3", web("w-3", "k-3", "BE-VAN", Instant.parse("2023-11-22T08:30:00Z")));

        List<String> keys = new java.util.ArrayList<>();
        try (var range = fixture.store(StoreNames.COUNTS_BY_HOUR).range(CAMPAIGN + "/2023-11-20T00:00Z",
                CAMPAIGN + "/2023-11-21T00:00Z")) {
            range.forEachRemaining(kv -> keys.add(kv.key));
        }
        assertThat(keys).containsExactly(CAMPAIGN + "/2023-11-20T08:00Z/WEB/BE-VAN",
                CAMPAIGN + "/2023-11-20T23:00Z/WEB/BE-VAN");
    }

    @Test
    void hourAndDayCountsLiveInThePartitionOfTheirChannelAndRegion() {
        Instant at = Instant.parse("2023-11-20T13:05:00Z");
        assertThat(CountKeys.routingKey(StoreNames.COUNTS_BY_HOUR, CountKeys.hour(CAMPAIGN, at, Channel.CALL, "BE-VAN")))
                .isEqualTo(channelRegion(Channel.CALL, "BE-VAN"));
        assertThat(CountKeys.routingKey(StoreNames.COUNTS_BY_DAY, CountKeys.day(CAMPAIGN, at, Channel.APP, "NL")))
                .isEqualTo(channelRegion(Channel.APP, "NL"));
        String duplicate = CountKeys.duplicate(CAMPAIGN, Channel.WEB, DuplicateKind.REDELIVERED);
        assertThat(CountKeys.routingKey(StoreNames.DUPLICATES, duplicate)).isEqualTo(duplicate);
        assertThat(CountKeys.hour(CAMPAIGN, at, Channel.CALL, "BE-VAN")).isEqualTo(CAMPAIGN + "/2023-11-20T13:00Z/CALL/BE-VAN");
        assertThat(CountKeys.day(CAMPAIGN, at, Channel.CALL, "BE-VAN")).isEqualTo(CAMPAIGN + "/2023-11-20/CALL/BE-VAN");
    }

    @Test
    void countsTopicCarriesTheCurrentCountPerCampaignChannelRegionOncePerFlush() {
        fixture.web.pipeInput("k-1", web("w-1", "k-1", "BE-VAN", MONDAY));
        fixture.app.pipeInput("k-2", app("a-2", "k-2", "BE-VAN", MONDAY));
        fixture.web.pipeInput("k-3", web("w-3", "k-3", "BE-VAN", MONDAY));

        assertThat(fixture.counts().readKeyValuesToList()).extracting(kv -> kv.key + "=" + kv.value.getCount())
                .containsExactlyInAnyOrder(CAMPAIGN + "/WEB/BE-VAN=2", CAMPAIGN + "/APP/BE-VAN=1");

        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY));
        List<KeyValue<String, Count>> counts = fixture.counts().readKeyValuesToList();
        assertThat(counts).extracting(kv -> kv.key + "=" + kv.value.getCount())
                .containsExactly(CAMPAIGN + "/WEB/BE-VAN=1");
        Count last = counts.get(counts.size() - 1).value;
        assertThat(last.getCampaign()).isEqualTo(CAMPAIGN);
        assertThat(last.getChannel()).isEqualTo(Channel.WEB);
        assertThat(last.getRegion()).isEqualTo("BE-VAN");
    }

    @Test
    void campaignsAndCountingStatusesComeFromTheSettings() {
        fixture.close();
        TopologySettings settings = new TopologySettings(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name(),
                Topics.WITHDRAWALS.name(), Topics.ACCEPTED.name(), Topics.REJECTED.name(), Topics.COUNTS.name(),
                new LinkedHashSet<>(List.of(CAMPAIGN, "other")), Set.of(CallStatus.COMPLETED), java.time.Duration.ZERO,
                TopologySettings.DEFAULT_TALLY_FLUSH_INTERVAL);
        fixture = new TopologyFixture(settings, stateDir.resolve("custom"));
        CallSignature inProgress = call("call-1", "k-1", "BE-VAN", MONDAY);
        inProgress.setStatus(CallStatus.IN_PROGRESS);
        fixture.calls.pipeInput("k-1", inProgress);
        WebSignature other = web("web-2", "k-2", "BE-VAN", MONDAY);
        other.setCampaign("other");
        fixture.web.pipeInput("k-2", other);
        fixture.web.pipeInput("k-3", web("web-3", "k-3", "BE-VAN", TopologyFixture.NOW.plusSeconds(1)));

        assertThat(fixture.nonZero(StoreNames.UNCOUNTABLE_CALLS))
                .containsExactly(Map.entry(CAMPAIGN + "/STATUS_IN_PROGRESS", 1L));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry("other/WEB/BE-VAN", 1L));
        assertThat(header(fixture.rejected.readRecord().headers(), Topics.HEADER_REASON))
                .isEqualTo(RejectionReason.FUTURE_EVENT_TIME.code());
    }

    @Test
    void theAcceptedTopicKeepsOneSignaturePerCampaignAndSignerSoCompactionNeverMixesCampaigns() {
        fixture.close();
        TopologySettings settings = new TopologySettings(Topics.CALLS.name(), Topics.WEB.name(), Topics.APP.name(),
                Topics.WITHDRAWALS.name(), Topics.ACCEPTED.name(), Topics.REJECTED.name(), Topics.COUNTS.name(),
                new LinkedHashSet<>(List.of(CAMPAIGN, "other")), TopologySettings.DEFAULT_COUNTING_CALL_STATUSES,
                TopologySettings.DEFAULT_MAX_FUTURE_SKEW, TopologySettings.DEFAULT_TALLY_FLUSH_INTERVAL);
        fixture = new TopologyFixture(settings, stateDir.resolve("campaigns"));
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VAN", MONDAY));
        WebSignature other = web("web-2", "k-1", "BE-VAN", MONDAY);
        other.setCampaign("other");
        fixture.web.pipeInput("k-1", other);
        fixture.withdrawals.pipeInput("k-1", withdrawal("wd-1", "k-1", MONDAY.plusSeconds(60)));

        // read as compaction leaves the topic: the last value per key
        Map<String, Signature> compacted = new java.util.HashMap<>();
        fixture.accepted.readKeyValuesToList().forEach(record -> compacted.put(record.key, record.value));
        assertThat(compacted).containsOnlyKeys(CAMPAIGN + "/k-1", "other/k-1");
        assertThat(compacted.get(CAMPAIGN + "/k-1")).as("withdrawn in its campaign").isNull();
        assertThat(compacted.get("other/k-1").getEventId()).isEqualTo("web-2");
    }

    @Test
    void anIdTooLongForTheSignerStateIsRejectedAndTheSignerStillCounts() {
        String longId = "x".repeat(70_000);
        fixture.web.pipeInput("k-1", web(longId, "k-1", "BE-VAN", MONDAY));
        fixture.web.pipeInput("k-1", web("web-2", "k-1", "BE-VAN", MONDAY.plusSeconds(60)));
        fixture.app.pipeInput("k-1", app("app-3", "k-1", "BE-VAN", MONDAY.plusSeconds(120)));

        assertThat(header(fixture.rejected.readRecord().headers(), Topics.HEADER_REASON))
                .isEqualTo(RejectionReason.FIELD_TOO_LONG.code());
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.WEB, "BE-VAN"), 1L));
    }

    @Test
    void aRecordThatMeetsABugGoesToTheDeadLetterTopicAndCountingGoesOn() {
        fixture.close();
        TopologyObserver failsOnOneSigner = new TopologyObserver() {
            @Override
            public void counted(String channel, int delta, long eventTimeMs, long countedAtMs) {
                if (eventTimeMs == MONDAY.plusSeconds(7).toEpochMilli()) {
                    throw new IllegalStateException("a bug met by one record");
                }
            }
        };
        fixture = new TopologyFixture(TopologySettings.defaults(), stateDir.resolve("poison"), failsOnOneSigner);
        fixture.web.pipeInput("k-poison", web("web-poison", "k-poison", "BE-VAN", MONDAY.plusSeconds(7)));
        fixture.web.pipeInput("k-2", web("web-2", "k-2", "BE-BRU", MONDAY));

        TestRecord<byte[], byte[]> dead = fixture.deadLetter.readRecord();
        assertThat(new String(dead.key(), StandardCharsets.UTF_8)).isEqualTo("k-poison");
        assertThat(header(dead.headers(), "__streams.errors.message")).contains("a bug met by one record");
        assertThat(fixture.count(StoreNames.COUNTS_BY_CHANNEL_REGION, channelRegion(Channel.WEB, "BE-BRU")))
                .as("the next record is counted").isEqualTo(1);
    }

    @Test
    void anErasureKeepsNothingOfTheSignerButWhatStopsACopyOfTheirSignatureFromCountingAgain() {
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VAN", MONDAY));
        Withdrawal erasure = withdrawal("wd-erase", "k-1", MONDAY.plusSeconds(3600));
        erasure.setReason(WithdrawalReason.ERASURE_REQUEST);
        fixture.withdrawals.pipeInput("k-1", erasure);

        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEmpty();
        SignerState kept = fixture.driver.<String, SignerState>getKeyValueStore(StoreNames.SIGNERS)
                .get(SignerLedger.signerStoreKey(CAMPAIGN, "k-1"));
        assertThat(kept.signatures()).singleElement().satisfies(signature -> {
            assertThat(signature.eventId()).isEqualTo("web-1");
            assertThat(signature.region()).as("no region").isEqualTo("ZZ");
            assertThat(signature.language()).isEqualTo(Language.UNKNOWN);
        });

        // a second click on the confirmation link: the same event, later; and a recount's copy of it
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VAN", MONDAY.plusSeconds(7200)));
        fixture.web.pipeInput("k-1", web("web-1", "k-1", "BE-VAN", MONDAY));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION)).isEmpty();

        // the person may sign again later
        fixture.app.pipeInput("k-1", app("app-2", "k-1", "BE-VLI", MONDAY.plusSeconds(10_800)));
        assertThat(fixture.nonZero(StoreNames.COUNTS_BY_CHANNEL_REGION))
                .containsExactly(Map.entry(channelRegion(Channel.APP, "BE-VLI"), 1L));
    }

    @Test
    void everyProcessorStoreAndInternalTopicIsNamed() {
        org.apache.kafka.streams.Topology topology =
                SignatureTopology.buildTopology(TopologySettings.defaults(), fixture.serdeConfig);
        TopologyDescription description = topology.describe();
        StringBuilder names = new StringBuilder();
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                names.append(node.name()).append('\n');
                if (node instanceof TopologyDescription.Processor processor) {
                    processor.stores().forEach(store -> names.append(store).append('\n'));
                }
            }
        }
        assertThat(names.toString()).doesNotContain("KSTREAM-").doesNotContain("KTABLE-")
                .contains(SignatureTopology.LEDGER, SignatureTopology.AGGREGATOR, StoreNames.SIGNERS,
                        StoreNames.COUNT_TALLIES + "-repartition");
        assertThat(description.subtopologies()).hasSize(2);
        assertThat(KafkaStreamsConfig.streamsProperties(be.petition.config.ServiceConfig.of(Map.of(
                "kafka.bootstrap.servers", "b:9092"))).get(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG))
                .isEqualTo(true);
    }

    @Test
    void theBuilderRefusesAnInternalTopicWithAGeneratedName() {
        org.apache.kafka.streams.StreamsBuilder builder = SignatureTopology.newBuilder();
        builder.stream("in", org.apache.kafka.streams.kstream.Consumed.<String, String>as("read-in"))
                .groupByKey().count();
        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build)
                .hasMessageContaining("has not been named");
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
