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
            long hour = r.number(2, 2);
            r.expect(':');
            long minute = r.number(2, 2);
            r.expect(':');
            long second = r.number(2, 2);
            long micros = 0;
            if (r.skip('.')) {
                int start = r.at;
                micros = r.number(1, 6);
                for (int digits = r.at - start; digits < 6; digits++) {
                    micros *= 10;
                }
            }
            long offset = 0;
            if (r.peek('+') || r.peek('-')) {
                long sign = r.skip('-') ? -1 : 1;
                r.skip('+');
                offset = r.number(2, 2) * 3600;
                if (r.skip(':')) {
                    offset += r.number(2, 2) * 60;
                    if (r.skip(':')) {
                        offset += r.number(2, 2);
                    }
                }
                offset *= sign;
            }
            if (r.rest(" BC")) {
                year = 1 - year;
            } else if (!r.done()) {
                throw r.invalid();
            }
            long days = LocalDate.of(Math.toIntExact(year), month, day).toEpochDay() - DAYS_1970_TO_2000;
            return days * MICROS_PER_DAY + ((hour * 60 + minute) * 60 + second - offset) * 1_000_000 + micros;
        } catch (DateTimeException | ArithmeticException e) {
            throw r.invalid();
        }
    }

    /** A cursor over the field's bytes. */
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
