package io.github.atomiccounters.e2e;

import io.github.atomiccounters.client.Sleeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A client's sleeper that never sleeps: it records each wait between attempts for the test to assert. */
final class RecordingWaits implements Sleeper {
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
