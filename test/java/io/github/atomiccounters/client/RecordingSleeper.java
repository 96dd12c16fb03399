package io.github.atomiccounters.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A sleeper that never sleeps: it records each wait, so tests assert the waits without waiting. */
final class RecordingSleeper implements Sleeper {
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration duration) {
        waits.add(duration);
    }

    List<Duration> waits() {
        synchronized (waits) {
            return List.copyOf(waits);
        }
    }
}
