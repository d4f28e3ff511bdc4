package io.sluice.codec.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * HTTP dates (IMF-fixdate, RFC 9110 section 5.6.7: {@code Sun, 06 Nov 1994 08:49:37 GMT}), and a
 * clock that renders the current date once per second for {@code Date} headers.
 *
 * <p>Thread-safe: the rendered second is an immutable value published through a volatile field, so
 * every event loop may share one instance; a loop that sees a new second renders it (a race renders
 * the same text twice, harmlessly).
 */
public final class HttpDate {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final HttpDate SYSTEM = new HttpDate(System::currentTimeMillis);

    private record Rendered(long second, String text) {}

    private final LongSupplier millis;
    private volatile Rendered last = new Rendered(Long.MIN_VALUE, "");

    private HttpDate(LongSupplier millis) {
        this.millis = millis;
    }

    /** Returns the clock on the system time, shared by every server. */
    public static HttpDate system() {
        return SYSTEM;
    }

    /** Returns a clock reading milliseconds since 1970 from {@code millis} (for tests). */
    public static HttpDate withClock(LongSupplier millis) {
        return new HttpDate(Objects.requireNonNull(millis, "millis"));
    }

    /** Returns the current date as IMF-fixdate, rendered at most once per second. */
    public String now() {
        long second = Math.floorDiv(millis.getAsLong(), 1000);
        Rendered r = last;
        if (r.second != second) {
            r = new Rendered(second, format(second * 1000));
            last = r;
        }
        return r.text;
    }

    /** Formats {@code epochMillis} as IMF-fixdate (milliseconds dropped). */
    public static String format(long epochMillis) {
        return IMF_FIXDATE.format(Instant.ofEpochMilli(epochMillis));
    }

    /**
     * Parses an IMF-fixdate.
     *
     * @return milliseconds since 1970, or -1 if {@code text} is not an IMF-fixdate
     */
    public static long parse(String text) {
        try {
            return ZonedDateTime.parse(text, IMF_FIXDATE).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            return -1;
        }
    }
}
