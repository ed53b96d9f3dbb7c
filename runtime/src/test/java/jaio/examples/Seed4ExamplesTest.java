package jaio.examples;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jaio.CancelledError;
import jaio.Async;
import jaio.Coroutine;
import jaio.DoneAndPending;
import jaio.Future;
import jaio.KeyboardInterrupt;
import jaio.Loop;
import jaio.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * The runtime-only examples of seed file 004 ({@code 004_c18c72b2e62438e0.txt}), ported line for
 * line; see /work/shared/examples/INVENTORY.md for the Python originals. Delays are scaled by
 * {@link ExampleTest#SCALE}.
 *
 * <p>Ctrl-C is simulated the way CPython delivers it to a script blocked in its loop: the loop is
 * woken and a {@link KeyboardInterrupt} is raised on the loop's thread (here by a callback, which
 * the loop lets propagate exactly as asyncio's {@code Handle._run} re-raises KeyboardInterrupt).
 */
class Seed4ExamplesTest extends ExampleTest {

    /** The elapsed-time line of S4-01…S4-10: {@code "共计花费时间:{}".format(end_time - start_time)}. */
    static final Object ELAPSED = like("共计花费时间:\\d+\\.\\d+");

    static double elapsedPrinted(Run run) {
        List<String> lines = run.lines();
        return numberAfter("共计花费时间:", lines.get(lines.size() - 1));
    }

    /** Simulates Ctrl-C after {@code seconds}: another thread raises KeyboardInterrupt on the loop. */
    static void pressCtrlCAfter(Loop loop, double seconds) {
        Thread.ofPlatform().daemon().name("ctrl-c").start(() -> {
            sleepQuietly(seconds);
            loop.callSoonThreadsafe(() -> {
                throw new KeyboardInterrupt();
            });
        });
    }

    /** What the notebook does to end a run_forever example: loop.stop() from another thread. */
    static void stopAfter(Loop loop, double seconds) {
        Thread.ofPlatform().daemon().name("notebook-stop").start(() -> {
            sleepQuietly(seconds);
            loop.stop();
        });
    }

    private static void sleepQuietly(double seconds) {
        try {
            Thread.sleep(Math.round(seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- get_html of S4-01 and S4-02 (no return value) -------------------------------------

    Coroutine<Void> getHtmlNoResult(String url) {               // async def get_html(url):
        return async(() -> {
            out.print("start get url");                         //     print("start get url")
            await(sleep(secs(2)));                              //     await asyncio.sleep(2)  # 协程中的等待两秒
            out.print("end get url");                           //     print("end get url")
        });
    }

    // ---- get_html, callback, callback1 of S4-03 … S4-10 ------------------------------------

    Coroutine<String> getHtml(String url) {                     // async def get_html(url):
        return async(() -> {
            out.print("start get url");                         //     print("start get url")
            await(sleep(secs(2)));                              //     await asyncio.sleep(2)  # 协程中的等待两秒
            out.print("end get url");                           //     print("end get url")
            return "hello world";                               //     return "hello world"
        });
    }

    void callback(Future<?> feature) {                          // def callback(feature):
        out.print("start callbback");                           //     print("start callbback")
    }

    void callback1(String url, Future<?> feature) {             // def callback1(url, feature):
        out.print(Py.format("url:{}", url));                    //     print("url:{}".format(url))
        out.print("start callbback");                           //     print("start callbback")
    }

    // ---- S4-01: 1.传入协程函数 (pass a coroutine) ----------------------------------------------

    void s4_01_main() {                                         // if __name__ == '__main__':
        double startTime = Py.time();                           //     start_time = time.time()
        Loop loop = getEventLoop();                             //     loop = asyncio.get_event_loop()
        loop.runUntilComplete(getHtmlNoResult("http://www.baidu.com")); // loop.run_until_complete(get_html("http://www.baidu.com"))
        double endTime = Py.time();                             //     end_time = time.time()
        out.print(Py.format("共计花费时间:{}", endTime - startTime)); // print("共计花费时间:{}".format(end_time - start_time))
    }

    @Test
    void s4_01_runUntilCompleteOfACoroutine() {
        Run run = script(this::s4_01_main);
        assertPrinted(run, "start get url", "end get url", ELAPSED);
        assertTrue(elapsedPrinted(run) >= secs(2) && elapsedPrinted(run) < secs(2) + 1, "≈2 s: " + elapsedPrinted(run));
    }

    // ---- S4-02: 2.传入列表 (pass a list) ------------------------------------------------------

    void s4_02_main() {
        double startTime = Py.time();
        Loop loop = getEventLoop();
        List<Coroutine<Void>> tasks = new ArrayList<>();        //     tasks = [get_html("http://www.baidu.com") for _ in range(2)]
        for (int i = 0; i < 2; i++) {
            tasks.add(getHtmlNoResult("http://www.baidu.com"));
        }
        loop.runUntilComplete(Async.wait(tasks));                     //     loop.run_until_complete(asyncio.wait(tasks))
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_02_waitOnAListRunsBothConcurrently() {
        // jaio's wait() accepts coroutines and wraps them in tasks (Python 3.10; 3.11+ raises TypeError).
        List<Run> runs = scriptRepeated(3, this::s4_02_main);
        assertEveryRunPrinted(runs, "start get url", "start get url", "end get url", "end get url", ELAPSED);
        double fastest = runs.stream().mapToDouble(Seed4ExamplesTest::elapsedPrinted).min().orElseThrow();
        assertTrue(fastest >= secs(2) && fastest < secs(3), "2 s, not 4 s: " + fastest);
    }

    // ---- S4-03: 3.携带返回值 (ensure_future) --------------------------------------------------

    void s4_03_main() {
        double startTime = Py.time();
        Loop loop = getEventLoop();                             //     loop = asyncio.get_event_loop()
        Future<String> getFeature = ensureFuture(getHtml("http://www.baidu.com")); // get_feature = asyncio.ensure_future(get_html(...))
        loop.runUntilComplete(getFeature);                      //     loop.run_until_complete(get_feature)
        out.print(getFeature.result());                         //     print(get_feature.result())
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_03_ensureFutureAndItsResult() {
        List<Run> runs = scriptRepeated(3, this::s4_03_main);
        assertEveryRunPrinted(runs, "start get url", "end get url", "hello world", ELAPSED);
        assertTookOneGetHtml(runs);
    }

    /** The printed time of one 2-s get_html: never less, and (on the fastest run) well under 3 s. */
    static void assertTookOneGetHtml(List<Run> runs) {
        double fastest = runs.stream().mapToDouble(Seed4ExamplesTest::elapsedPrinted).min().orElseThrow();
        assertTrue(fastest >= secs(2) && fastest < secs(3), "one 2-s coroutine: " + fastest);
    }

    // ---- S4-04: 4.携带返回值 (loop.create_task) -----------------------------------------------

    void s4_04_main() {
        double startTime = Py.time();
        Loop loop = getEventLoop();
        Task<String> task = loop.createTask(getHtml("http://www.baidu.com")); // task = loop.create_task(get_html(...))
        loop.runUntilComplete(task);                            //     loop.run_until_complete(task)
        out.print(task.result());                               //     print(task.result())
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_04_createTaskAndItsResult() {
        List<Run> runs = scriptRepeated(3, this::s4_04_main);
        assertEveryRunPrinted(runs, "start get url", "end get url", "hello world", ELAPSED);
        assertTookOneGetHtml(runs);
    }

    // ---- S4-05: 4.有回调 (with a callback) ----------------------------------------------------

    void s4_05_main() {
        double startTime = Py.time();
        Loop loop = getEventLoop();
        Task<String> task = loop.createTask(getHtml("http://www.baidu.com"));
        task.addDoneCallback(this::callback);                   //     task.add_done_callback(callback)
        loop.runUntilComplete(task);
        out.print(task.result());
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_05_doneCallbackRunsBeforeRunUntilCompleteReturns() {
        List<Run> runs = scriptRepeated(3, this::s4_05_main);
        assertEveryRunPrinted(runs, "start get url", "end get url", "start callbback", "hello world", ELAPSED);
        assertTookOneGetHtml(runs);
    }

    // ---- S4-06: 4.有回调且携带参数 (a callback carrying an argument) ---------------------------

    void s4_06_main() {
        double startTime = Py.time();
        Loop loop = getEventLoop();
        Task<String> task = loop.createTask(getHtml("http://www.baidu.com"));
        task.addDoneCallback(partial(this::callback1, "imooc.com")); // task.add_done_callback(partial(callback1, "imooc.com"))
        loop.runUntilComplete(task);
        out.print(task.result());
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_06_doneCallbackWithAPartialArgument() {
        List<Run> runs = scriptRepeated(3, this::s4_06_main);
        assertEveryRunPrinted(runs, "start get url", "end get url", "url:imooc.com", "start callbback", "hello world", ELAPSED);
        assertTookOneGetHtml(runs);
    }

    // ---- S4-07: gather 用法示例 (gather example) ----------------------------------------------

    Coroutine<String> foo() {                                   // async def foo():
        return async(() -> {
            await(sleep(secs(1)));                              //     await asyncio.sleep(1)
            return "foo";                                       //     return 'foo'
        });
    }

    Coroutine<String> bar() {                                   // async def bar():
        return async(() -> {
            await(sleep(secs(2)));                              //     await asyncio.sleep(2)
            return "bar";                                       //     return 'bar'
        });
    }

    Coroutine<Void> s4_07_main() {                              // async def main():
        return async(() -> {
            List<String> results = await(gather(foo(), bar())); //     results = await asyncio.gather(foo(), bar())
            out.print(results);                                 //     print(results)  # 输出 ['foo', 'bar']
        });
    }

    @Test
    void s4_07_gatherReturnsResultsInArgumentOrder() {
        List<Run> runs = scriptRepeated(3, () -> run(s4_07_main()));
        assertEveryRunPrinted(runs, "['foo', 'bar']");
        assertTrue(fastest(runs) >= secs(2) && fastest(runs) < secs(2.5), "2 s, not 3 s: " + fastest(runs));
    }

    // ---- S4-08: asyncio.wait 用法示例 (wait example) ------------------------------------------

    /** The {@code pending} set of the last S4-08 run (not printed by the seed). */
    private Set<Future<String>> s4_08_pending;

    Coroutine<Void> s4_08_main() {                              // async def main():
        return async(() -> {
            List<Coroutine<String>> tasks = List.of(foo(), bar()); // tasks = [foo(), bar()]
            DoneAndPending<String> donePending = await(Async.wait(tasks)); // done, pending = await asyncio.wait(tasks)
            Set<Future<String>> done = donePending.done();
            Set<Future<String>> pending = donePending.pending();
            for (Future<String> task : done) {                  //     for task in done:
                out.print(task.result());                       //         print(task.result())  # 依次输出 'foo' 和 'bar'
            }
            s4_08_pending = pending;
        });
    }

    @Test
    void s4_08_waitReturnsDoneAndPendingSets() {
        Run run = script(() -> run(s4_08_main()));
        // ⚠ The post promises the order foo, bar; done is a set, so the order is unspecified (CPython
        // prints either). The test checks both lines, in any order.
        assertEquals(2, run.lines().size(), run.lines().toString());
        List<String> sorted = new ArrayList<>(run.lines());
        Collections.sort(sorted);
        assertEquals(List.of("bar", "foo"), sorted);
        assertTrue(s4_08_pending.isEmpty());
        assertTrue(run.seconds() >= secs(2) && run.seconds() < secs(2.5) + 0.5, "≈2 s: " + run.seconds());
    }

    // ---- S4-09: gather of gather groups ----------------------------------------------------

    /** The value of the outer gather in the last S4-09 run (not printed by the seed). */
    private List<List<String>> s4_09_value;

    void s4_09_main() {
        double startTime = Py.time();
        Loop loop = getEventLoop();
        List<Coroutine<String>> coros1 = new ArrayList<>();     //     group1 = [get_html("http://www.baidu.com") for _ in range(2)]
        List<Coroutine<String>> coros2 = new ArrayList<>();     //     group2 = [get_html("http://www.baidu.com") for _ in range(2)]
        for (int i = 0; i < 2; i++) {
            coros1.add(getHtml("http://www.baidu.com"));
        }
        for (int i = 0; i < 2; i++) {
            coros2.add(getHtml("http://www.baidu.com"));
        }
        Future<List<String>> group1 = gather(coros1);           //     group1 = asyncio.gather(*group1)
        Future<List<String>> group2 = gather(coros2);           //     group2 = asyncio.gather(*group2)
        // group1.cancel() 取消任务
        s4_09_value = loop.runUntilComplete(gather(group1, group2)); // loop.run_until_complete(asyncio.gather(group1, group2))
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_09_gatherOfGatherGroups() {
        List<Run> runs = scriptRepeated(3, this::s4_09_main);
        assertEveryRunPrinted(runs,
                "start get url", "start get url", "start get url", "start get url",
                "end get url", "end get url", "end get url", "end get url",
                ELAPSED);
        assertEquals("[['hello world', 'hello world'], ['hello world', 'hello world']]", Py.repr(s4_09_value));
        double fastest = runs.stream().mapToDouble(Seed4ExamplesTest::elapsedPrinted).min().orElseThrow();
        assertTrue(fastest >= secs(2) && fastest < secs(3), "2 s, not 8 s: " + fastest);
    }

    // ---- S4-10: #group1.cancel() 取消任务 (cancel a gather group) ------------------------------

    /** Whether group1.cancel() returned True in the last S4-10 run. */
    private boolean s4_10_cancelReturned;
    private List<Object> s4_10_value;

    void s4_10_main(boolean outerReturnExceptions) {
        double startTime = Py.time();
        Loop loop = getEventLoop();
        List<Coroutine<String>> coros1 = new ArrayList<>();
        List<Coroutine<String>> coros2 = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            coros1.add(getHtml("http://www.baidu.com"));
        }
        for (int i = 0; i < 2; i++) {
            coros2.add(getHtml("http://www.baidu.com"));
        }
        Future<List<String>> group1 = gather(coros1);
        Future<List<String>> group2 = gather(coros2);
        s4_10_cancelReturned = group1.cancel();                 //     group1.cancel()  # 取消任务
        if (outerReturnExceptions) {
            // The inventory's contrast: asyncio.gather(group1, group2, return_exceptions=True)
            s4_10_value = loop.runUntilComplete(gather(true, group1, group2));
        } else {
            loop.runUntilComplete(gather(group1, group2));      //     loop.run_until_complete(asyncio.gather(group1, group2))
        }
        double endTime = Py.time();
        out.print(Py.format("共计花费时间:{}", endTime - startTime));
    }

    @Test
    void s4_10_cancellingAGatherGroupCancelsItsChildren() {
        List<Run> runs = scriptRepeated(5, () -> s4_10_main(false));
        for (Run run : runs) {
            // group1's children are cancelled before they start; only group2's two start, then the
            // outer gather fails with CancelledError at once: no "end get url", no time line.
            assertInstanceOf(CancelledError.class, run.raised());
            assertLines(run, "start get url", "start get url");
        }
        assertTrue(fastest(runs) < secs(2), "within ≈0.1 s, not after the 2-s sleeps: " + fastest(runs));
        assertTrue(s4_10_cancelReturned);
    }

    @Test
    void s4_10_withReturnExceptionsTheOtherGroupCompletes() {
        List<Run> runs = scriptRepeated(3, () -> s4_10_main(true));
        assertEveryRunPrinted(runs, "start get url", "start get url", "end get url", "end get url", ELAPSED);
        assertTrue(s4_10_cancelReturned);
        assertEquals("[CancelledError(), ['hello world', 'hello world']]", Py.repr(s4_10_value));
        assertTrue(fastest(runs) >= secs(2));
    }

    // ---- S4-11: task 任务取消 (cancelling tasks on Ctrl-C) -------------------------------------

    /** S4-11 runs on a coarser scale (its Ctrl-C falls between timers 1 s apart in the seed). */
    static final double S4_11_SCALE = 0.2;

    Coroutine<Void> getHtml(double time) {                      // async def get_html(time):
        return async(() -> {
            out.print("start get html");                        //     print("start get html")
            await(sleep(time * S4_11_SCALE));                   //     await asyncio.sleep(time)
            out.print("end get html");                          //     print("end get html")
        });
    }

    /** The loop of the last S4-11 run, to check its state afterwards. */
    private Loop s4_11_loop;

    /** The seed's main block; {@code ctrlCAt} (seed seconds, null for never) simulates the user. */
    void s4_11_main(Double ctrlCAt) {
        Coroutine<Void> task1 = getHtml(2);                     //     task1 = get_html(2)
        Coroutine<Void> task2 = getHtml(3);                     //     task2 = get_html(3)
        Coroutine<Void> task3 = getHtml(3);                     //     task3 = get_html(3)
        List<Coroutine<Void>> tasks = List.of(task1, task2, task3); // tasks = [task1, task2, task3]
        Loop loop = getEventLoop();                             //     loop = asyncio.get_event_loop()
        s4_11_loop = loop;
        if (ctrlCAt != null) {
            pressCtrlCAfter(loop, ctrlCAt * S4_11_SCALE);       // (the user presses Ctrl-C)
        }
        try {                                                   //     try:
            loop.runUntilComplete(Async.wait(tasks));                 //         loop.run_until_complete(asyncio.wait(tasks))
        } catch (KeyboardInterrupt e) {                         //     except KeyboardInterrupt as e:
            // loop需要传入, 最新的已经该版
            Set<Task<?>> allTasks = allTasks(loop);             //         all_tasks = asyncio.all_tasks(loop=loop)
            for (Task<?> task : allTasks) {                     //         for task in all_tasks:
                out.print("task cancel");                       //             print("task cancel")
                task.cancel();                                  //             task.cancel()
            }
            loop.stop();                                        //         loop.stop()
            loop.runForever();                                  //         loop.run_forever()
        } finally {                                             //     finally:
            loop.close();                                       //         loop.close()
        }
    }

    @Test
    void s4_11_noInterrupt() {
        List<Run> runs = scriptRepeated(2, () -> s4_11_main(null));
        assertEveryRunPrinted(runs, "start get html", "start get html", "start get html",
                "end get html", "end get html", "end get html");
        for (Run run : runs) {
            assertTrue(run.output().secondsAt(3) >= 2 * S4_11_SCALE);
            assertTrue(run.output().secondsAt(5) >= 3 * S4_11_SCALE);
        }
    }

    @Test
    void s4_11_ctrlCBeforeTwoSecondsCancelsFourTasks() {
        // The three get_html tasks, plus the task run_until_complete wrapped around asyncio.wait(...).
        List<Run> runs = scriptRepeated(2, () -> s4_11_main(1.0));
        assertEveryRunPrinted(runs, "start get html", "start get html", "start get html",
                "task cancel", "task cancel", "task cancel", "task cancel");
        assertTrue(s4_11_loop.isClosed());
    }

    @Test
    void s4_11_ctrlCBetweenTwoAndThreeSecondsCancelsThree() {
        List<Run> runs = scriptRepeated(2, () -> s4_11_main(2.5));
        assertEveryRunPrinted(runs, "start get html", "start get html", "start get html",
                "end get html", "task cancel", "task cancel", "task cancel");
        assertTrue(s4_11_loop.isClosed());
    }

    @Test
    void s4_11_stopThenRunForeverRunsOneIterationThatDeliversTheCancellations() {
        List<Task<?>> cancelled = new ArrayList<>();
        Run run = script(() -> {
            Loop loop = getEventLoop();
            pressCtrlCAfter(loop, 1.0 * S4_11_SCALE);
            try {
                loop.runUntilComplete(Async.wait(List.of(getHtml(2), getHtml(3), getHtml(3))));
            } catch (KeyboardInterrupt e) {
                cancelled.addAll(allTasks(loop));
                for (Task<?> task : cancelled) {
                    task.cancel();
                }
                loop.stop();
                loop.runForever();
            } finally {
                loop.close();
            }
        });
        assertPrinted(run, "start get html", "start get html", "start get html");
        assertEquals(4, cancelled.size());
        for (Task<?> t : cancelled) {
            assertTrue(t.cancelled(), "cancelled in the one iteration: " + t);
        }
        assertTrue(run.seconds() < 3 * S4_11_SCALE, "nothing waits for the 3-s sleeps: " + run.seconds());
    }

    // ---- S4-12: 协程嵌套 (nested coroutines) ---------------------------------------------------

    Coroutine<String> nested() {                                // async def nested():
        return async(() -> {
            out.print("This is the nested coroutine");          //     print("This is the nested coroutine")
            await(sleep(secs(2)));                              //     await asyncio.sleep(2)
            return "Nested coroutine result";                   //     return "Nested coroutine result"
        });
    }

    Coroutine<Void> s4_12_main() {                              // async def main():
        return async(() -> {
            out.print("Main coroutine started");                //     print("Main coroutine started")
            // 调用嵌套的协程
            String result = await(nested());                    //     result = await nested()
            out.print("Main coroutine received:", result);      //     print("Main coroutine received:", result)
            out.print("Main coroutine finished");               //     print("Main coroutine finished")
        });
    }

    @Test
    void s4_12_nestedCoroutineReturnsAValue() {
        Run run = script(() -> run(s4_12_main()));              // asyncio.run(main())
        assertPrinted(run,
                "Main coroutine started",
                "This is the nested coroutine",
                "Main coroutine received: Nested coroutine result",
                "Main coroutine finished");
        assertTrue(run.output().secondsAt(2) - run.output().secondsAt(1) >= secs(2), "the 2-s pause");
    }

    // ---- S4-13: call_soon ------------------------------------------------------------------

    void myCallback() {                                         // def my_callback():
        out.print("Callback executed");                         //     print("Callback executed")
    }

    @Test
    void s4_13_callSoon() {
        List<Run> runs = scriptRepeated(3, () -> {
            Loop loop = getEventLoop();                         // loop = asyncio.get_event_loop()
            loop.callSoon(this::myCallback);                    // loop.call_soon(my_callback)
            stopAfter(loop, secs(1));                           // (the notebook ends the endless loop: loop.stop())
            loop.runForever();                                  // loop.run_forever()
        });
        assertEveryRunPrinted(runs, "Callback executed");
        double firstPrint = runs.stream().mapToDouble(run -> run.output().secondsAt(0)).min().orElseThrow();
        assertTrue(firstPrint < secs(1), "at once: " + firstPrint);
        assertTrue(fastest(runs) >= secs(1), "run_forever returns only when stopped: " + fastest(runs));
    }

    // ---- S4-14: call_later -----------------------------------------------------------------

    void myCallbackLater() {                                    // def my_callback():
        out.print("Callback executed after 5 seconds");         //     print("Callback executed after 5 seconds")
    }

    @Test
    void s4_14_callLater() {
        Run run = script(() -> {
            Loop loop = getEventLoop();                         // loop = asyncio.get_event_loop()
            loop.callLater(secs(5), this::myCallbackLater);     // loop.call_later(5, my_callback)
            pressCtrlCAfter(loop, secs(6));                     // (the user presses Ctrl-C)
            loop.runForever();                                  // loop.run_forever()
        });
        assertInstanceOf(KeyboardInterrupt.class, run.raised(), "the endless loop ends with Ctrl-C");
        assertLines(run, "Callback executed after 5 seconds");
        double at = run.output().secondsAt(0);
        assertTrue(at >= secs(5) && at < secs(6), "at ≈5 s: " + at);
    }

    // ---- S4-15: call_at --------------------------------------------------------------------

    void myCallbackAt() {                                       // def my_callback():
        out.print("Callback executed at specific time");        //     print("Callback executed at specific time")
    }

    @Test
    void s4_15_callAt() {
        double[] loopTimes = new double[2];
        Run run = script(() -> {
            Loop loop = getEventLoop();                         // loop = asyncio.get_event_loop()
            double scheduledTime = loop.time() + secs(10);      // scheduled_time = loop.time() + 10  # 10秒后的时间点
            loop.callAt(scheduledTime, this::myCallbackAt);     // loop.call_at(scheduled_time, my_callback)
            loop.callAt(scheduledTime, () -> loopTimes[0] = loop.time()); // (observe the loop's clock then)
            loopTimes[1] = scheduledTime;
            pressCtrlCAfter(loop, secs(11));                    // (the user presses Ctrl-C)
            loop.runForever();                                  // loop.run_forever()
        });
        assertInstanceOf(KeyboardInterrupt.class, run.raised());
        assertLines(run, "Callback executed at specific time");
        double at = run.output().secondsAt(0);
        assertTrue(at >= secs(10) && at < secs(11), "at ≈10 s: " + at);
        assertTrue(loopTimes[0] >= loopTimes[1], "never before the scheduled loop time");
        // loop.time() is a monotonic clock, not the wall clock.
        assertTrue(Math.abs(loopTimes[1] - Py.time()) > 1e6);
    }

    // ---- S4-16: call_soon_threadsafe -------------------------------------------------------

    /** The thread that ran the last S4-16 callback. */
    private volatile Thread s4_16_ranOn;

    void myCallbackThreadsafe() {                               // def my_callback():
        s4_16_ranOn = Thread.currentThread();
        out.print("Callback executed from another thread");     //     print("Callback executed from another thread")
    }

    void threadFunction(Loop loop) {                            // def thread_function(loop):
        loop.callSoonThreadsafe(this::myCallbackThreadsafe);    //     loop.call_soon_threadsafe(my_callback)
    }

    @Test
    void s4_16_callSoonThreadsafe() {
        Thread[] loopThread = new Thread[1];
        Thread[] other = new Thread[1];
        List<Run> runs = scriptRepeated(3, () -> {
            Loop loop = getEventLoop();                         // loop = asyncio.get_event_loop()
            Thread thread = new Thread(() -> threadFunction(loop)); // thread = threading.Thread(target=thread_function, args=(loop,))
            thread.start();                                     // thread.start()
            other[0] = thread;
            loopThread[0] = Thread.currentThread();
            stopAfter(loop, secs(1));                           // (the notebook ends the endless loop: loop.stop())
            loop.runForever();                                  // loop.run_forever()
        });
        assertEveryRunPrinted(runs, "Callback executed from another thread");
        assertSame(loopThread[0], s4_16_ranOn, "the callback runs on the loop's thread");
        assertNotSame(other[0], s4_16_ranOn);
        double firstPrint = runs.stream().mapToDouble(run -> run.output().secondsAt(0)).min().orElseThrow();
        assertTrue(firstPrint < secs(1), "promptly: " + firstPrint);
    }

    // ---- S4-17: ThreadPoolExecutor + run_in_executor ---------------------------------------

    private final Set<Thread> workerThreads = ConcurrentHashMap.newKeySet();

    void getHtmlBlocking(String url) throws InterruptedException { // def get_html(url):
        workerThreads.add(Thread.currentThread());
        out.print(Py.format("获取url: {}", url));                 //     print("获取url: {}".format(url))
        Thread.sleep(millis(3));                                //     time.sleep(3)
        out.print("get_html end ");                             //     print("get_html end ")
    }

    void s4_17_main() {                                         // if __name__ == '__main__':
        double startTime = Py.time();                           //     start_time = time.time()
        Loop loop = getEventLoop();                             //     loop = asyncio.get_event_loop()
        // executor = ThreadPoolExecutor(): Python's default size, min(32, cpu_count + 4) workers.
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(32, Runtime.getRuntime().availableProcessors() + 4));
        try {
            List<Future<Void>> tasks = new ArrayList<>();       //     tasks = []
            for (int i = 0; i < 3; i++) {                       //     tasks = [loop.run_in_executor(executor, get_html, "http://www.baidu.com") for _ in range(3)]
                tasks.add(loop.runInExecutor(executor, () -> getHtmlBlocking("http://www.baidu.com")));
            }
            loop.runUntilComplete(Async.wait(tasks));                 //     loop.run_until_complete(asyncio.wait(tasks))
            out.print(Py.format("cost time :{}", Py.time() - startTime)); // print("cost time :{}".format(time.time() - start_time))
        } finally {
            executor.shutdown();                                // (Python joins the executor's threads at exit)
        }
    }

    @Test
    void s4_17_runInExecutorRunsThreeBlockingCallsAtOnce() {
        List<Run> runs = scriptRepeated(3, () -> {
            workerThreads.clear();
            s4_17_main();
            assertEquals(3, workerThreads.size(), "three distinct worker threads");
            assertTrue(!workerThreads.contains(Thread.currentThread()), "not the loop's thread");
        });
        String start = "获取url: http://www.baidu.com";
        assertEveryRunPrinted(runs, start, start, start, "get_html end ", "get_html end ", "get_html end ",
                like("cost time :\\d+\\.\\d+"));
        double fastest = runs.stream().mapToDouble(r -> numberAfter("cost time :", r.lines().get(6))).min().orElseThrow();
        assertTrue(fastest >= secs(3) && fastest < secs(6), "≈3 s, not 9 s: " + fastest);
    }
}
