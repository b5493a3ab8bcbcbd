package io.pgcarry.hash;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads a timestamp's text, as PostgreSQL prints it with DateStyle ISO and TimeZone UTC
 * ({@code 2024-02-29 23:59:59.5+00}, {@code 4713-11-24 00:00:00 BC}, {@code infinity}), back into what the server
 * stores: microseconds since 2000-01-01 00:00:00 UTC, on the proleptic Gregorian calendar, with the infinities at
 * the ends of a bigint. A timestamp with time zone carries its offset, which is taken off (always {@code +00} in a
 * UTC session).
 */
final class TimestampText {
    private static final long DAYS_1970_TO_2000 = 10_957;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private TimestampText() {
    }

    static long microseconds(byte[] data, int at, int length) {
        Reader r = new Reader(data, at, length);
        if (r.rest("infinity")) {
            return Long.MAX_VALUE;
        }
        if (r.rest("-infinity")) {
            return Long.MIN_VALUE;
        }
        try {
            long year = r.number(1, 7);
            r.expect('-');
            int month = (int) r.number(2, 2);
            r.expect('-');
            int day = (int) r.number(2, 2);
            r.expect(' ');
            long seconds = r.timeOfDay();
            long micros = r.fraction();
            long offset = r.offset();
            if (r.rest(" BC")) {
                year = 1 - year;
            } else if (!r.done()) {
                throw r.invalid();
            }
            long days = LocalDate.of(Math.toIntExact(year), month, day).toEpochDay() - DAYS_1970_TO_2000;
            return days * MICROS_PER_DAY + (seconds - offset) * 1_000_000 + micros;
        } catch (DateTimeException | ArithmeticException e) {
            throw r.invalid();
        }
    }

    /**
     * A cursor over the field's bytes. Its parts are small methods on purpose: this runs once per timestamp field of
     * every row hashed, and the JIT inlines them into {@link #microseconds} with nothing allocated.
     */
    private static final class Reader {
        private final byte[] data;
        private final int start;
        private final int end;
        private int at;

        Reader(byte[] data, int at, int length) {
            this.data = data;
            this.start = at;
            this.end = at + length;
            this.at = at;
        }

        /** Whether the rest of the field is {@code text}; if so, consumes it. */
        boolean rest(String text) {
            if (end - at != text.length()) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                if (data[at + i] != text.charAt(i)) {
                    return false;
                }
            }
            at = end;
            return true;
        }

        /** {@code HH:MM:SS} as seconds since midnight. */
        long timeOfDay() {
            long hour = number(2, 2);
            expect(':');
            long minute = number(2, 2);
            expect(':');
            return (hour * 60 + minute) * 60 + number(2, 2);
        }

        /** The optional {@code .f} to {@code .ffffff} after the seconds as microseconds; the server drops trailing zeros. */
        long fraction() {
            if (!skip('.')) {
                return 0;
            }
            int first = at;
            long micros = number(1, 6);
            for (int digits = at - first; digits < 6; digits++) {
                micros *= 10;
            }
            return micros;
        }

        /** The optional UTC offset ({@code +HH[:MM[:SS]]}) as seconds east of UTC; a timestamp without time zone has none. */
        long offset() {
            if (!peek('+') && !peek('-')) {
                return 0;
            }
            long sign = skip('-') ? -1 : 1;
            skip('+');
            long offset = number(2, 2) * 3600;
            if (skip(':')) {
                offset += number(2, 2) * 60;
                if (skip(':')) {
                    offset += number(2, 2);
                }
            }
            return offset * sign;
        }

        long number(int min, int max) {
            long value = 0;
            int digits = 0;
            while (at < end && digits < max && data[at] >= '0' && data[at] <= '9') {
                value = value * 10 + (data[at++] - '0');
                digits++;
            }
            if (digits < min) {
                throw invalid();
            }
            return value;
        }

        void expect(char c) {
            if (!skip(c)) {
                throw invalid();
            }
        }

        boolean skip(char c) {
            if (peek(c)) {
                at++;
                return true;
            }
            return false;
        }

        boolean peek(char c) {
            return at < end && data[at] == c;
        }

        boolean done() {
            return at == end;
        }

        IllegalStateException invalid() {
            return new IllegalStateException("a timestamp field of a COPY holds '" + new String(data, start, end - start, StandardCharsets.UTF_8)
                    + "', which is not an ISO timestamp in UTC");
        }
    }
}
