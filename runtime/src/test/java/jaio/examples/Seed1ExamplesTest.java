package jaio.examples;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jaio.AsyncRuntimeError;
import jaio.Coroutine;
import jaio.Future;
import jaio.Loop;
import jaio.Runner;
import jaio.Task;
import jaio.TimeoutError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The runtime-only examples of seed file 001 ({@code 001_49af8ea24bb9136b.txt}), ported line for
 * line; see /work/shared/examples/INVENTORY.md for the Python originals (and the runnable
 * illustrations the inventory proposes where the post only gives an API signature). Delays are
 * scaled by {@link ExampleTest#SCALE}.
 */
class Seed1ExamplesTest extends ExampleTest {

    /** Python's ValueError, raised by S1-05's {@code boom()}. */
    static final class ValueError extends RuntimeException {
        ValueError(String message) {
            super(message);
        }
    }

    // ---- S1-01: coroutine 简单示例 (simple coroutine example) --------------------------------

    Coroutine<Void> sayAfter(double delay, String what) {      // async def say_after(delay, what):
        return async(() -> {
            await(sleep(delay));                                //     await asyncio.sleep(delay)
            out.print(what);                                    //     print(what)
        });
    }

    Coroutine<Void> s1_01_main() {                              // async def main():
        return async(() -> {
            out.print("started at " + Py.strftimeX());         //     print(f"started at {time.strftime('%X')}")
            await(sayAfter(secs(1), "hello"));                  //     await say_after(1, 'hello')
            await(sayAfter(secs(2), "world"));                  //     await say_after(2, 'world')
            out.print("finished at " + Py.strftimeX());        //     print(f"finished at {time.strftime('%X')}")
        });
    }

    @Test
    void s1_01_sequentialAwaitsAddUp() {
        Run run = script(() -> run(s1_01_main()));              // asyncio.run(main())
        Pattern clock = like("(started|finished) at \\d\\d:\\d\\d:\\d\\d");
        assertPrinted(run, clock, "hello", "world", clock);
        assertTrue(run.lines().get(0).startsWith("started"));
        assertTrue(run.lines().get(3).startsWith("finished"));
        // hello after 1 s, world 2 s later: awaiting a coroutine runs it in line, no concurrency.
        assertTrue(run.output().secondsAt(1) >= secs(1), "hello at " + run.output().secondsAt(1));
        assertTrue(run.output().secondsAt(2) - run.output().secondsAt(1) >= secs(2));
        assertTrue(run.seconds() >= secs(3), "1 + 2 s, sequential; took " + run.seconds());
    }

    // ---- S1-02: future 和 coroutine 同时使用 (a future and a coroutine together) --------------

    Future<String> functionThatReturnsAFutureObject() {        // def function_that_returns_a_future_object():
        Loop loop = getRunningLoop();                           //     loop = asyncio.get_running_loop()
        Future<String> fut = loop.createFuture();               //     fut = loop.create_future()
        loop.callLater(secs(0.5), fut::setResult, "future result"); // loop.call_later(0.5, fut.set_result, 'future result')
        return fut;                                             //     return fut
    }

    Coroutine<String> somePythonCoroutine() {                  // async def some_python_coroutine():
        return async(() -> {
            await(sleep(secs(0.2)));                            //     await asyncio.sleep(0.2)
            return "coroutine result";                          //     return 'coroutine result'
        });
    }

    Coroutine<Void> s1_02_main() {                              // async def main():
        return async(() -> {
            out.print(await(functionThatReturnsAFutureObject())); // print(await function_that_returns_a_future_object())

            // this is also valid:
            out.print(await(gather(                             //     print(await asyncio.gather(
                    functionThatReturnsAFutureObject(),         //         function_that_returns_a_future_object(),
                    somePythonCoroutine())));                   //         some_python_coroutine()))
        });
    }

    @Test
    void s1_02_awaitAFutureAndGatherItWithACoroutine() {
        List<Run> runs = scriptRepeated(3, () -> run(s1_02_main()));
        // gather keeps argument order although the future finishes last.
        assertEveryRunPrinted(runs, "future result", "['future result', 'coroutine result']");
        assertTrue(fastest(runs) >= secs(1), "two 0.5-s futures, one after the other");
    }

    // ---- S1-04: asyncio.sleep(delay, result=None) ------------------------------------------

    Coroutine<Void> s1_04_main() {                              // async def main():
        return async(() -> {
            String r = await(sleep(secs(1), "done"));           //     r = await asyncio.sleep(1, result='done')
            out.print(r);                                       //     print(r)
        });
    }

    @Test
    void s1_04_sleepWithAResult() {
        Run run = script(() -> run(s1_04_main()));
        assertPrinted(run, "done");
        assertTrue(run.output().secondsAt(0) >= secs(1), "after the delay: " + run.output().secondsAt(0));
    }

    // ---- S1-05: asyncio.gather(*aws, return_exceptions=False) ------------------------------

    Coroutine<String> ok() {                                    // async def ok():
        return async(() -> {
            await(sleep(secs(0.1)));                            //     await asyncio.sleep(0.1)
            return "ok";                                        //     return 'ok'
        });
    }

    Coroutine<String> boom() {                                  // async def boom():
        return async(() -> {
            await(sleep(secs(0.05)));                           //     await asyncio.sleep(0.05)
            throw new ValueError("boom");                       //     raise ValueError('boom')
        });
    }

    Coroutine<Void> s1_05_main() {                              // async def main():
        return async(() -> {
            out.print(await(gather(true, ok(), boom())));       //     print(await asyncio.gather(ok(), boom(), return_exceptions=True))
            try {                                               //     try:
                await(gather(ok(), boom()));                    //         await asyncio.gather(ok(), boom())
            } catch (ValueError e) {                            //     except ValueError as e:
                out.print("gather raised:", Py.repr(e));        //         print('gather raised:', repr(e))
            }
        });
    }

    @Test
    void s1_05_gatherWithAndWithoutReturnExceptions() {
        List<Run> runs = scriptRepeated(5, () -> run(s1_05_main()));
        assertEveryRunPrinted(runs, "['ok', ValueError('boom')]", "gather raised: ValueError('boom')");
    }

    @Test
    void s1_05_theFirstExceptionDoesNotCancelTheOtherAwaitables() {
        // The inventory's extra check: without return_exceptions the failure reaches the awaiter at
        // once, and the sibling keeps running to completion. (The sibling sleeps 2 s here rather than
        // ok()'s 0.1 s, so that it is surely still running when boom() fails.)
        Run run = script(() -> run(async(() -> {
            Task<String> sibling = createTask(async(() -> {
                await(sleep(secs(2)));
                return "ok";
            }));
            try {
                await(gather(sibling, boom()));
            } catch (ValueError e) {
                out.print("gather raised:", Py.repr(e), "sibling done?", sibling.done());
            }
            out.print("sibling result:", await(sibling));
        })));
        assertPrinted(run, "gather raised: ValueError('boom') sibling done? False", "sibling result: ok");
    }

    // ---- S1-06: asyncio.get_running_loop() -------------------------------------------------

    Coroutine<Void> s1_06_main() {                              // async def main():
        return async(() -> {
            Loop loop = getRunningLoop();                       //     loop = asyncio.get_running_loop()
            out.print(loop.getClass().getSimpleName(), loop.isRunning()); // print(type(loop).__name__, loop.is_running())
            out.print(loop == getEventLoop());                  //     print(loop is asyncio.get_event_loop())
        });
    }

    @Test
    void s1_06_getRunningLoop() {
        Run run = script(() -> {
            try {                                               // try:
                getRunningLoop();                               //     asyncio.get_running_loop()
            } catch (AsyncRuntimeError e) {                     // except RuntimeError as e:
                out.print("RuntimeError:", e.getMessage());     //     print("RuntimeError:", e)
            }
            run(s1_06_main());                                  // asyncio.run(main())
        });
        // The class name is the port's own loop class (CPython: _UnixSelectorEventLoop).
        assertPrinted(run, "RuntimeError: no running event loop", "Loop True", "True");
    }

    // ---- S1-07: asyncio.shield(aw) ---------------------------------------------------------

    Coroutine<String> important() {                             // async def important():
        return async(() -> {
            await(sleep(secs(1)));                              //     await asyncio.sleep(1)
            out.print("important work finished");              //     print('important work finished')
            return "saved";                                     //     return 'saved'
        });
    }

    Coroutine<Void> s1_07_main() {                              // async def main():
        return async(() -> {
            Task<String> inner = createTask(important());       //     inner = asyncio.create_task(important())
            try {                                               //     try:
                await(waitFor(shield(inner), secs(0.2)));       //         await asyncio.wait_for(asyncio.shield(inner), timeout=0.2)
            } catch (TimeoutError e) {                          //     except asyncio.TimeoutError:
                out.print("caller timed out; inner cancelled?", inner.cancelled());
            }
            out.print("inner result:", await(inner));           //     print('inner result:', await inner)
        });
    }

    @Test
    void s1_07_shieldProtectsTheInnerTask() {
        List<Run> runs = scriptRepeated(3, () -> run(s1_07_main()));
        assertEveryRunPrinted(runs,
                "caller timed out; inner cancelled? False",
                "important work finished",
                "inner result: saved");
        for (Run run : runs) {
            double timedOut = run.output().secondsAt(0);
            assertTrue(timedOut >= secs(0.2) && timedOut < secs(1), "the caller times out first, at " + timedOut);
            assertTrue(run.output().secondsAt(1) >= secs(1), "the inner task still runs its full second");
        }
    }

    // ---- S1-08: asyncio.timeout(delay) / timeout_at(when) / wait_for(aw, timeout) ----------

    /** Set when long_running_task's sleep is cancelled by a deadline (not part of the seed's output). */
    private int cancelledLongTasks;

    Coroutine<Void> longRunningTask() {                         // async def long_running_task():
        return async(() -> {
            try {
                await(sleep(3600));                             //     await asyncio.sleep(3600)
            } catch (jaio.CancelledError e) {
                cancelledLongTasks++;                           // (instrumentation: the deadline cancelled it)
                throw e;
            }
        });
    }

    Coroutine<Void> s1_08_main() {                              // async def main():
        return async(() -> {
            Loop loop = getRunningLoop();                       //     loop = asyncio.get_running_loop()
            try {                                               //     try:
                timeoutAt(loop.time() + secs(0.2)).run(() -> {  //         async with asyncio.timeout_at(loop.time() + 0.2):
                    await(longRunningTask());                   //             await long_running_task()
                });
            } catch (TimeoutError e) {                          //     except TimeoutError:
                out.print("timeout_at expired");                //         print('timeout_at expired')
            }
            try {                                               //     try:
                await(waitFor(longRunningTask(), secs(0.2)));   //         await asyncio.wait_for(long_running_task(), timeout=0.2)
            } catch (TimeoutError e) {                          //     except asyncio.TimeoutError:
                out.print("wait_for timed out");                //         print('wait_for timed out')
            }
            out.print(await(waitFor(sleep(secs(0.1), "in time"), secs(1)))); // print(await asyncio.wait_for(asyncio.sleep(0.1, result='in time'), timeout=1))
        });
    }

    @Test
    void s1_08_threeWaysToPutADeadlineOnAnAwait() {
        cancelledLongTasks = 0;
        Run run = script(() -> run(s1_08_main()));
        assertPrinted(run, "timeout_at expired", "wait_for timed out", "in time");
        assertEquals(2, cancelledLongTasks, "both expired deadlines cancel the inner work");
        assertTrue(run.seconds() >= secs(0.5), "0.2 + 0.2 + 0.1 s; took " + run.seconds());
        assertTrue(run.seconds() < secs(3600), "the deadlines cut the hour-long sleeps");
    }

    // ---- S1-09: async with asyncio.timeout(10) ---------------------------------------------

    Coroutine<Void> s1_09_main() {                              // async def main():
        return async(() -> {
            timeout(secs(10)).run(() -> {                       //     async with asyncio.timeout(10):
                await(longRunningTask());                       //         await long_running_task()
            });
        });
    }

    @Test
    void s1_09_timeoutContextManagerExpires() {
        cancelledLongTasks = 0;
        Run run = script(() -> run(s1_09_main()));              // asyncio.run(main())
        // Python ends with a traceback whose last line is TimeoutError, after 10 s; nothing printed.
        assertInstanceOf(TimeoutError.class, run.raised());
        assertLines(run);
        assertEquals(1, cancelledLongTasks, "the inner await is cancelled");
        assertTrue(run.seconds() >= secs(10) && run.seconds() < secs(10) + 1.0, "at the deadline: " + run.seconds());
    }

    @Test
    void s1_09_aTaskShorterThanTheTimeoutIsNotAffected() {
        Run run = script(() -> run(async(() -> {
            timeout(secs(10)).run(() -> {
                await(sleep(secs(1)));
                out.print("finished in time");
            });
        })));
        assertPrinted(run, "finished in time");
    }

    // ---- S1-10: asyncio.run(coro, *, debug=None) -------------------------------------------

    Coroutine<Void> s1_10_main() {                              // async def main():
        return async("main", () -> {
            Thread.sleep(200);                                  //     time.sleep(0.2)   # blocks the loop (S1_10_BLOCKS_HERE)
            out.print("done");                                  //     print('done')
        });
    }

    @Test
    void s1_10_debugModeReportsTheSlowStep() throws IOException {
        PrintStream savedErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Run run;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            run = script(() -> run(s1_10_main(), true));        // asyncio.run(main(), debug=True)
        } finally {
            System.setErr(savedErr);
        }
        assertPrinted(run, "done");
        String report = err.toString(StandardCharsets.UTF_8);
        // CPython: Executing <Task finished name='Task-1' coro=<main() done, ...> result=None ...> took 0.201 seconds
        Matcher m = Pattern.compile("Executing <Task finished name='Task-\\d+' coro=<main\\(\\)>.*> took (\\d+\\.\\d{3}) seconds"
                + "; it blocked the loop at \\S+\\((Seed1ExamplesTest\\.java):(\\d+)\\)").matcher(report);
        assertTrue(m.find(), "slow-step report on stderr: " + report);
        double took = Double.parseDouble(m.group(1));
        assertTrue(took >= 0.2 && took < 1.0, "the blocking step lasted ≈0.2 s: " + took);
        // The reported line is the Thread.sleep inside the task.
        int line = Integer.parseInt(m.group(3));
        List<String> source = Files.readAllLines(Path.of("src/test/java/jaio/examples/Seed1ExamplesTest.java"));
        assertTrue(source.get(line - 1).contains("S1_10_BLOCKS_HERE"), "line " + line + ": " + source.get(line - 1));
    }

    // ---- S1-11: asyncio.Runner -------------------------------------------------------------

    Coroutine<Void> s1_11_main() {                              // async def main():
        return async(() -> {
            await(sleep(secs(1)));                              //     await asyncio.sleep(1)
            out.print("hello");                                 //     print('hello')
        });
    }

    @Test
    void s1_11_runnerRunsSeveralCallsOnOneLoop() {
        Run run = script(() -> {
            try (Runner runner = new Runner()) {                // with asyncio.Runner() as runner:
                runner.run(s1_11_main());                       //     runner.run(main())
            }
        });
        assertPrinted(run, "hello");
        assertTrue(run.output().secondsAt(0) >= secs(1));

        // The inventory's extra checks: two runs share runner.get_loop(); after the block it is closed.
        Runner runner;
        try (Runner r = new Runner()) {
            runner = r;
            Loop first = r.run(async(() -> getRunningLoop()));
            Loop second = r.run(async(() -> getRunningLoop()));
            assertSame(first, second);
            assertSame(first, r.getLoop());
        }
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, runner::getLoop);
        assertEquals("Runner is closed", e.getMessage());
    }

    // ---- S1-12: loop.create_future() -------------------------------------------------------

    Coroutine<Void> s1_12_main() {                              // async def main():
        return async(() -> {
            Loop loop = getRunningLoop();                       //     loop = asyncio.get_running_loop()
            Future<String> f = loop.createFuture();             //     f: asyncio.Future[str] = loop.create_future()
            out.print(f);                                       //     print(f)
            loop.callLater(secs(0.5), f::setResult, "set by a callback"); // loop.call_later(0.5, f.set_result, 'set by a callback')
            out.print(await(f));                                //     print(await f)
            out.print(f);                                       //     print(f)
        });
    }

    @Test
    void s1_12_aFutureResolvedByACallback() {
        Run run = script(() -> run(s1_12_main()));
        assertPrinted(run, "<Future pending>", "set by a callback", "<Future finished result='set by a callback'>");
        assertTrue(run.output().secondsAt(1) >= secs(0.5));
    }
}
