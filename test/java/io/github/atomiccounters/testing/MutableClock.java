package io.github.atomiccounters.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A test clock that only moves when told to. Hand it to {@code LocalRuntime.start(options, log, clock)} (and to
 * the client that signs requests, so signatures are as fresh as the runtime thinks): every time-dependent
 * outcome of the runtime (token buckets, quotas, {@code $context.requestTimeEpoch}, signature expiry) then
 * follows this clock, never the wall clock.
 */
public final class MutableClock extends Clock {
    /**
     * A UTC day whose day number is 3 modulo 4: idempotent next keeps that day's keys in map nextKeys3, and the
     * next day's in nextKeys0, so a test across its midnight also crosses the wrap-around of the four maps.
     */
    public static final LocalDate DAY = LocalDate.of(2031, 2, 21);

    private volatile Instant now;

    public MutableClock(Instant start) {
        this.now = start;
    }

    /** One second before the UTC midnight that ends {@link #DAY}: 23:59:59Z. */
    public static Instant oneSecondBeforeMidnight() {
        return DAY.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
    }

    public void advance(Duration d) {
        now = now.plus(d);
    }

    public void set(Instant instant) {
        now = instant;
    }

    public long epochSecond() {
        return now.getEpochSecond();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
