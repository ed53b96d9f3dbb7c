package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.internal.SharedSecrets;
import jaio.internal.StreamAccess;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The HTTP client's reads beside asyncio's API: they return what read(n) and readline() would, and lose nothing. */
@org.junit.jupiter.api.Timeout(value = 20, unit = TimeUnit.SECONDS)
class StreamAccessTest {
    private static final StreamAccess STREAMS = SharedSecrets.streamAccess();

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String s(byte[] b, int n) {
        return new String(b, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Test
    void readIntoTakesBufferedBytesThenWaitsAndFillsTheArrayDirectly() {
        List<String> out = run(async(() -> {
            StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, getRunningLoop());
            List<String> o = new ArrayList<>();
            byte[] dst = new byte[10];
            r.feedData(b("abc"));
            o.add(s(dst, STREAMS.readInto(r, dst, 0, 2)));
            o.add(s(dst, STREAMS.readInto(r, dst, 0, 10)));
            // Nothing buffered: the next data goes into dst (what fits), the rest stays in the reader.
            createTask(async(() -> { r.feedData(b("0123456789XYZ")); r.feedData(b("!")); }));
            int n = STREAMS.readInto(r, dst, 2, 8);
            o.add(n + ":" + s(dst, 2 + n).substring(2));
            o.add(new String(await(r.read(100)), StandardCharsets.ISO_8859_1));
            r.feedEof();
            o.add(String.valueOf(STREAMS.readInto(r, dst, 0, 10)));
            return o;
        }));
        assertEquals(List.of("ab", "c", "8:01234567", "89XYZ!", "0"), out);
    }

    @Test
    void readIntoCancelledAfterItsBytesArrivedPutsThemBack() {
        String out = run(async(() -> {
            StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, getRunningLoop());
            byte[] dst = new byte[4];
            Task<Integer> reading = createTask(async(() -> STREAMS.readInto(r, dst, 0, 4)));
            await(sleep(0));
            // The data lands in dst and wakes the task; the cancel comes before the task resumes.
            r.feedData(b("abcdef"));
            reading.cancel();
            try {
                await(reading);
                fail("not cancelled");
            } catch (CancelledError expected) {
                // the bytes must still be in the stream
            }
            r.feedEof();
            return new String(await(r.read(-1)), StandardCharsets.ISO_8859_1);
        }));
        assertEquals("abcdef", out);
    }

    @Test
    void readIntoRaisesTheReadersException() {
        run(async(() -> {
            StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, getRunningLoop());
            createTask(async(() -> r.setException(new IllegalStateException("boom"))));
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> STREAMS.readInto(r, new byte[4], 0, 4));
            assertEquals("boom", e.getMessage());
            return null;
        }));
    }

    @Test
    void bufferedLineIsReadlineWhenTheLineIsThereAndNullOtherwise() {
        List<String> out = run(async(() -> {
            StreamReader r = new StreamReader(16, getRunningLoop());
            List<String> o = new ArrayList<>();
            o.add(String.valueOf(STREAMS.readable(r)));
            r.feedData(b("HTTP/1.1 200\r\nA: b\npartial"));
            o.add(String.valueOf(STREAMS.readable(r)));
            o.add(new String(STREAMS.bufferedLine(r), StandardCharsets.ISO_8859_1));
            o.add(new String(STREAMS.bufferedLine(r), StandardCharsets.ISO_8859_1));
            o.add(String.valueOf(STREAMS.bufferedLine(r)));
            // Not consumed: readline still sees it; over the limit, readline's error comes from readline.
            r.feedData(b("-and-more-than-the-limit\n"));
            o.add(String.valueOf(STREAMS.bufferedLine(r)));
            try {
                await(r.readline());
                o.add("no error");
            } catch (IllegalArgumentException e) {
                o.add("readline: " + e.getMessage());
            }
            return o;
        }));
        assertEquals(List.of("false", "true", "HTTP/1.1 200\r\n", "A: b\n", "null", "null",
                "readline: Separator is found, but chunk is longer than limit"), out);
    }

    @Test
    void readReturnsWhatReadReturns() {
        List<String> out = run(async(() -> {
            StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, getRunningLoop());
            List<String> o = new ArrayList<>();
            r.feedData(b("hello"));
            o.add(Arrays.toString(STREAMS.read(r, 3)));
            createTask(async(() -> { r.feedData(b("!")); r.feedEof(); }));
            o.add(new String(STREAMS.read(r, 10), StandardCharsets.ISO_8859_1));
            o.add(new String(STREAMS.read(r, 10), StandardCharsets.ISO_8859_1));
            o.add(String.valueOf(STREAMS.read(r, 10).length));
            return o;
        }));
        assertEquals(List.of(Arrays.toString(b("hel")), "lo", "!", "0"), out);
    }
}
