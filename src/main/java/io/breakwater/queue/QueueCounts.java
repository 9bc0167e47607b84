package io.breakwater.queue;

import java.util.EnumMap;
import java.util.Map;

/** Number of items per lane and state. */
public record QueueCounts(Map<Lane, Map<QueueState, Long>> counts) {

    public long get(Lane lane, QueueState state) {
        return counts.getOrDefault(lane, Map.of()).getOrDefault(state, 0L);
    }

    public long total(QueueState state) {
        long sum = 0;
        for (Lane lane : Lane.values()) {
            sum += get(lane, state);
        }
        return sum;
    }

    static QueueCounts empty() {
        Map<Lane, Map<QueueState, Long>> map = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            Map<QueueState, Long> perState = new EnumMap<>(QueueState.class);
            for (QueueState state : QueueState.values()) {
                perState.put(state, 0L);
            }
            map.put(lane, perState);
        }
        return new QueueCounts(map);
    }
}
