package jaio.kernel.session;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jaio.kernel.language.CellContext;
import jaio.kernel.language.ExecutionResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A session's cells for the session tests: code runs as numbered cells ({@code In[n]}), and each
 * run keeps what it showed. Cells run one at a time, so the numbers go up as a notebook's do.
 */
final class SessionCells {
    /** How long a test waits for one cell. */
    private static final long CELL_SECONDS = 60;

    private final JavaSession session;
    private final AtomicInteger count = new AtomicInteger();

    SessionCells(JavaSession session) {
        this.session = session;
    }

    /** One cell's run: what it showed, how it ended, and its number. */
    record Run(RecordingSink sink, ExecutionResult result, CompletableFuture<ExecutionResult> future, int count) {
        /** The cell's value as shown (text/plain), or null. */
        String value() {
            return sink.result();
        }

        ExecutionResult.Error error() {
            return assertInstanceOf(ExecutionResult.Error.class, result, () -> "expected an error, got " + result + " " + sink.events());
        }
    }

    /** Runs {@code code} as the next cell and waits for it. */
    Run exec(String code) throws Exception {
        int n = count.incrementAndGet();
        RecordingSink sink = new RecordingSink();
        CompletableFuture<ExecutionResult> f = session.execute(code, CellContext.of(n), sink);
        return new Run(sink, f.get(CELL_SECONDS, TimeUnit.SECONDS), f, n);
    }

    /** Runs {@code code} as the next cell and asserts it succeeded. */
    Run ok(String code) throws Exception {
        Run r = exec(code);
        assertTrue(r.result().isOk(), () -> code + " failed: " + r.result());
        return r;
    }

    /** Starts {@code code} as the next cell without waiting. */
    CompletableFuture<ExecutionResult> submit(String code, RecordingSink sink) {
        return session.execute(code, CellContext.of(count.incrementAndGet()), sink);
    }
}
