package jaio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A future's text is asyncio's repr: the result is shown as Python's {@code reprlib.repr} shows it,
 * so a string result is quoted (seed example S1-12 prints
 * {@code <Future finished result='set by a callback'>}).
 */
class FutureReprTest {
    private final Loop loop = Loop.newEventLoop();

    @AfterEach
    void close() {
        loop.close();
    }

    @Test
    void pendingFuture() {
        assertEquals("<Future pending>", loop.createFuture().toString());
    }

    @Test
    void stringResultIsQuoted() {
        Future<String> f = loop.createFuture();
        f.setResult("set by a callback");
        assertEquals("<Future finished result='set by a callback'>", f.toString());
    }

    @Test
    void noneAndNumbersAsPythonShowsThem() {
        Future<Object> none = loop.createFuture();
        none.setResult(null);
        assertEquals("<Future finished result=None>", none.toString());
        Future<Integer> n = loop.createFuture();
        n.setResult(42);
        assertEquals("<Future finished result=42>", n.toString());
    }

    @Test
    void longStringIsShortenedLikeReprlib() {
        // reprlib.repr('x' * 40) == "'xxxxxxxxxxxx...xxxxxxxxxxxxx'"
        Future<String> f = loop.createFuture();
        f.setResult("x".repeat(40));
        assertEquals("<Future finished result='xxxxxxxxxxxx...xxxxxxxxxxxxx'>", f.toString());
    }
}
