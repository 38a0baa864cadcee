package be.petition.topology;

import be.petition.avro.Channel;
import be.petition.avro.Count;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies tallies (the summed changes of one cell) to the count stores. Every tally of one
 * {@code campaign/CHANNEL/REGION} reaches the same task, which also keeps that key's hour and day buckets; each
 * change of a channel-region count is sent to {@code petition.counts.v1}.
 */
final class CountAggregator implements Processor<String, Tally, String, Count> {
    private ProcessorContext<String, Count> context;
    private KeyValueStore<String, Long> byChannelRegion;
    private KeyValueStore<String, Long> byHour;
    private KeyValueStore<String, Long> byDay;
    private KeyValueStore<String, Long> duplicates;
    private KeyValueStore<String, Long> uncountableCalls;
    private KeyValueStore<String, Long> rejectedRecords;

    @Override
    public void init(ProcessorContext<String, Count> context) {
        this.context = context;
        byChannelRegion = context.getStateStore(StoreNames.COUNTS_BY_CHANNEL_REGION);
        byHour = context.getStateStore(StoreNames.COUNTS_BY_HOUR);
        byDay = context.getStateStore(StoreNames.COUNTS_BY_DAY);
        duplicates = context.getStateStore(StoreNames.DUPLICATES);
        uncountableCalls = context.getStateStore(StoreNames.UNCOUNTABLE_CALLS);
        rejectedRecords = context.getStateStore(StoreNames.REJECTED_RECORDS);
    }

    @Override
    public void process(Record<String, Tally> record) {
        Tally tally = record.value();
        String key = record.key();
        switch (tally.kind()) {
            case SIGNATURE -> countSignature(key, tally, record.timestamp());
            case DUPLICATE -> add(duplicates, key, tally.delta());
            case UNCOUNTABLE_CALL -> add(uncountableCalls, key, tally.delta());
            case REJECTED_RECORD -> add(rejectedRecords, key, tally.delta());
            default -> throw new IllegalStateException("Unknown tally kind " + tally.kind());
        }
    }

    private void countSignature(String key, Tally tally, long timestamp) {
        String[] parts = CountKeys.parts(key);
        if (parts.length != 3) {
            throw new IllegalStateException("A signature tally key must be campaign/CHANNEL/REGION, not \"" + key
                    + "\"");
        }
        String campaign = parts[0];
        Channel channel = Channel.valueOf(parts[1]);
        String region = parts[2];
        Instant hour = Instant.ofEpochMilli(tally.hourStart());
        long count = add(byChannelRegion, key, tally.delta());
        add(byHour, CountKeys.hour(campaign, hour, channel, region), tally.delta());
        add(byDay, CountKeys.day(campaign, hour, channel, region), tally.delta());
        Instant now = Instant.ofEpochMilli(context.currentSystemTimeMs());
        context.forward(new Record<>(key, new Count(campaign, channel, region, count, now), timestamp));
    }

    private static long add(KeyValueStore<String, Long> store, String key, int delta) {
        Long current = store.get(key);
        long updated = (current == null ? 0L : current) + delta;
        store.put(key, updated);
        return updated;
    }
}
