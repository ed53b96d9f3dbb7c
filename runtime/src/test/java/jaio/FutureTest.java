package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** asyncio.Future's contract (futures.py). */
class FutureTest {
    @Test
    void stateTransitionsAndErrors() {
        Loop loop = newEventLoop();
        Future<String> f = loop.createFuture();
        assertFalse(f.done());
        assertEquals("Result is not ready.", assertThrows(InvalidStateError.class, f::result).getMessage());
        assertEquals("Exception is not set.", assertThrows(InvalidStateError.class, f::exception).getMessage());
        f.setResult("x");
        assertTrue(f.done());
        assertFalse(f.cancelled());
        assertEquals("x", f.result());
        assertNull(f.exception());
        assertThrows(InvalidStateError.class, () -> f.setResult("y"));
        assertThrows(InvalidStateError.class, () -> f.setException(new RuntimeException()));
        assertFalse(f.cancel(), "a done future cannot be cancelled");
        assertSame(loop, f.getLoop());
        loop.close();
    }

    @Test
    void exceptionIsRethrownUnchangedByResult() {
        Loop loop = newEventLoop();
        Future<String> f = loop.createFuture();
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        f.setException(boom);
        assertSame(boom, f.exception());
        assertSame(boom, assertThrows(IllegalArgumentException.class, f::result));
        loop.close();
    }

    @Test
    void stopIterationIsStoredAsARuntimeError() {
        // CPython 3.13: set_exception(StopIteration()) stores a RuntimeError caused by it (3.12 raised
        // TypeError and left the future pending, which is how a task could hang forever).
        Loop loop = newEventLoop();
        Future<String> f = loop.createFuture();
        StopIteration stop = new StopIteration(null);
        f.setException(stop);
        assertTrue(f.done());
        AsyncRuntimeError e = assertInstanceOf(AsyncRuntimeError.class, f.exception());
        assertTrue(e.getMessage().contains("StopIteration"), e.getMessage());
        assertSame(stop, e.getCause());
        loop.close();
    }

    @Test
    void cancelWithMessage() {
        Loop loop = newEventLoop();
        Future<String> f = loop.createFuture();
        assertTrue(f.cancel("because"));
        assertTrue(f.cancelled());
        assertTrue(f.done());
        CancelledError e = assertThrows(CancelledError.class, f::result);
        assertEquals("because", e.getMessage());
        assertThrows(CancelledError.class, f::exception);
        assertFalse(f.cancel(), "cancelling twice returns false");
        loop.close();
    }

    @Test
    void cancelledErrorIsNotAnException() {
        Throwable t = new CancelledError();
        assertFalse(t instanceof Exception, "catch (Exception e) must not swallow a cancellation");
        assertTrue(t instanceof Error);
    }

    @Test
    void doneCallbacksAreScheduledInOrderNeverInline() {
        Loop loop = newEventLoop();
        Future<Integer> f = loop.createFuture();
        List<String> out = new ArrayList<>();
        Consumer<Future<Integer>> removed = x -> out.add("removed");
        f.addDoneCallback(x -> out.add("first:" + x.result()));
        f.addDoneCallback(removed);
        f.addDoneCallback(x -> out.add("second"));
        assertEquals(1, f.removeDoneCallback(removed));
        f.setResult(1);
        assertEquals(List.of(), out, "callbacks run on the loop, not inside setResult");
        f.addDoneCallback(x -> out.add("added-after-done"));
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("first:1", "second", "added-after-done"), out);
        loop.close();
    }

    @Test
    void exceptionInDoneCallbackGoesToTheExceptionHandler() {
        Loop loop = newEventLoop();
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, ctx) -> reported.add(ctx));
        Future<Integer> f = loop.createFuture();
        f.addDoneCallback(x -> {
            throw new IllegalStateException("callback failed");
        });
        List<String> after = new ArrayList<>();
        f.addDoneCallback(x -> after.add("next callback still runs"));
        f.setResult(1);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(1, reported.size());
        assertTrue(reported.get(0).message().startsWith("Exception in callback"), reported.get(0).message());
        assertEquals("callback failed", reported.get(0).exception().getMessage());
        assertNotNull(reported.get(0).get("handle"));
        assertEquals(List.of("next callback still runs"), after);
        loop.close();
    }

    @Test
    void awaitingAFutureResolvedByACallback() {
        // S1-12's shape: a future from the loop, resolved by call_later.
        String r = run(async(() -> {
            Loop loop = getRunningLoop();
            Future<String> fut = loop.createFuture();
            loop.callLater(0.01, () -> fut.setResult("done"));
            return await(fut);
        }));
        assertEquals("done", r);
    }

    @Test
    void toCompletableFutureFollowsResultExceptionAndCancel() throws Exception {
        Loop loop = newEventLoop();
        Future<String> ok = loop.createFuture();
        Future<String> bad = loop.createFuture();
        Future<String> cancelled = loop.createFuture();
        CompletableFuture<String> cfOk = ok.toCompletableFuture();
        CompletableFuture<String> cfBad = bad.toCompletableFuture();
        CompletableFuture<String> cfCancelled = cancelled.toCompletableFuture();
        loop.callSoon(() -> {
            ok.setResult("v");
            bad.setException(new IllegalStateException("e"));
            cancelled.cancel();
        });
        loop.callLater(0.01, loop::stop);
        loop.runForever();
        assertEquals("v", cfOk.get(1, TimeUnit.SECONDS));
        ExecutionException ee = assertThrows(ExecutionException.class, () -> cfBad.get(1, TimeUnit.SECONDS));
        assertEquals("e", ee.getCause().getMessage());
        assertThrows(CancellationException.class, () -> cfCancelled.get(1, TimeUnit.SECONDS));
        loop.close();
    }

    @Test
    void awaitCompletableFutureCompletedOnAnotherThread() {
        String r = run(async(() -> {
            CompletableFuture<String> cf = new CompletableFuture<>();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
                cf.complete("from another thread");
            });
            return await(cf);
        }));
        assertEquals("from another thread", r);
    }

    @Test
    void awaitFailedCompletableFutureRethrowsTheCause() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(async(() -> {
            CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("inner");
            });
            return await(cf);
        })));
        assertEquals("inner", e.getMessage());
    }

    @Test
    void cancellingAWrappedFutureCancelsTheCompletableFuture() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        run(async(() -> {
            Future<String> f = wrapFuture(cf);
            f.cancel();
            await(sleep(0));
        }));
        assertTrue(cf.isCancelled());
    }

    @Test
    void anyAwaitableCanBeAwaited() {
        Awaitable<String> custom = () -> {
            await(sleep(0));
            return "custom";
        };
        assertEquals("custom", run(async(() -> await(custom))));
        assertEquals("custom", run(custom), "run accepts any awaitable");
    }
}
