package jaio.generators;

import jaio.Async;
import jaio.AsyncRuntimeError;
import jaio.Awaitable;
import jaio.Coroutine;
import jaio.Future;
import jaio.Loop;
import jaio.PyOut;
import jaio.StopIteration;
import jaio.Task;
import jaio.TypeError;
import jaio.ValueError;
import jaio.greenlet.Greenlet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

import static jaio.Async.async;
import static jaio.Async.await;
import static jaio.Async.createTask;
import static jaio.Async.ensureFuture;
import static jaio.Async.gather;
import static jaio.Async.getRunningLoop;
import static jaio.Async.run;
import static jaio.Async.sleep;
import static jaio.PyOut.tuple;
import static jaio.generators.Generators.coroutine;
import static jaio.generators.Generators.generator;
import static jaio.generators.Generators.iter;
import static jaio.generators.Generators.next;
import static jaio.generators.Generators.range;
import static jaio.generators.Generators.stepByHand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generator and greenlet examples of shared/examples/INVENTORY.md, each ported line by line
 * and checked against the exact output CPython printed. Timings are scaled down (2 s → 0.5 s).
 */
class GeneratorExamplesTest {
    final PyOut out = new PyOut();

    // ---- S0-02: greenlet ------------------------------------------------------------------

    Greenlet gr1;
    Greenlet gr2;

    void func1() {
        out.print(1);        // step 2
        gr2.switchTo();      // step 3
        out.print(2);        // step 6
        gr2.switchTo();      // step 7
    }

    void func2() {
        out.print(3);        // step 4
        gr1.switchTo();      // step 5
        out.print(4);        // step 8
    }

    @Test
    void s0_02_greenletSwitching() {
        gr1 = new Greenlet(this::func1);
        gr2 = new Greenlet(this::func2);
        gr1.switchTo();      // step 1
        assertEquals(List.of("1", "3", "2", "4"), out.lines());
        // func2 returned to its parent (the main greenlet); func1 stays suspended for ever.
        assertTrue(gr2.isDead());
        assertTrue(!gr1.isDead());
        assertSame(Greenlet.getCurrent(), gr2.getParent());
    }

    // ---- S0-03: yield from in a for loop -------------------------------------------------

    Generator<Integer> s0_03_func1() {
        return generator(y -> {
            y.yield(1);
            y.yieldFrom(s0_03_func2());
            y.yield(2);
        });
    }

    Generator<Integer> s0_03_func2() {
        return generator(y -> {
            y.yield(3);
            y.yield(4);
        });
    }

    @Test
    void s0_03_yieldFromInForLoop() {
        Generator<Integer> f1 = s0_03_func1();
        for (int item : f1) {
            out.print(item);
        }
        // The post claims 1 3 2 4; Python prints 1 3 4 2.
        assertEquals(List.of("1", "3", "4", "2"), out.lines());
    }

    // ---- S0-04: @asyncio.coroutine on the loop --------------------------------------------

    static final double S0_04_SLEEP = 0.5;   // the seed sleeps 2 s

    GeneratorCoroutine<Void> s0_04_func1() {
        return coroutine(y -> {
            out.print(1);
            y.yieldFrom(sleep(S0_04_SLEEP));   // yield from asyncio.sleep(2)
            out.print(2);
        });
    }

    GeneratorCoroutine<Void> s0_04_func2() {
        return coroutine(y -> {
            out.print(3);
            y.yieldFrom(sleep(S0_04_SLEEP));
            out.print(4);
        });
    }

    @Test
    void s0_04_generatorCoroutinesOnTheLoop() {
        Loop loop = Loop.getEventLoop();
        try {
            List<Future<Void>> tasks = List.of(
                    ensureFuture(s0_04_func1()),
                    ensureFuture(s0_04_func2()));
            long t0 = System.nanoTime();
            loop.runUntilComplete(Async.wait(tasks));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            assertEquals(List.of("1", "3", "2", "4"), out.lines());
            assertTrue(elapsed >= S0_04_SLEEP * 0.95 && elapsed < S0_04_SLEEP * 1.8, "took " + elapsed);
        } finally {
            loop.close();
            Loop.setEventLoop(null);
        }
    }

    // ---- S1-03: @types.coroutine with a bare yield ----------------------------------------

    GeneratorCoroutine<Void> nice() {
        return coroutine(y -> {
            y.yield();
        });
    }

    Coroutine<Void> other() {
        return async(() -> {
            out.print("other task runs while main is inside nice()");
        });
    }

    @Test
    void s1_03_bareYieldGivesTheLoopOneIteration() {
        run(async(() -> {
            getRunningLoop().callSoon(out::print, "callback scheduled before the bare yield");
            Task<Void> t = createTask(other());
            out.print("before await nice()");
            await(nice());          // bare yield: gives the loop one iteration, like asyncio.sleep(0)
            out.print("after await nice()");
            await(t);
        }));
        assertEquals(List.of(
                "before await nice()",
                "callback scheduled before the bare yield",
                "other task runs while main is inside nice()",
                "after await nice()"), out.lines());
    }

    // ---- S1-15 / S1-16: next() and an infinite generator ------------------------------------

    Generator<String> multiYield() {
        return generator(y -> {
            String yieldStr = "This will print the first string";
            y.yield(yieldStr);
            yieldStr = "This will print the second string";
            y.yield(yieldStr);
        });
    }

    @Test
    void s1_15_nextUntilStopIteration() {
        Generator<String> multiObj = multiYield();
        out.print(next(multiObj));
        out.print(next(multiObj));
        StopIteration e = assertThrows(StopIteration.class, () -> out.print(next(multiObj)));
        out.print(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        assertEquals(List.of(
                "This will print the first string",
                "This will print the second string",
                "StopIteration"), out.lines());
    }

    Generator<Integer> infiniteSequence() {
        return generator(y -> {
            int num = 0;
            while (true) {
                y.yield(num);
                num += 1;
            }
        });
    }

    @Test
    void s1_16_infiniteSequence() {
        Generator<Integer> gen = infiniteSequence();
        out.print(next(gen), next(gen), next(gen));
        for (int i : infiniteSequence()) {
            if (i > 4) {
                break;
            }
            out.printEnd(" ", i);
        }
        out.print();
        assertEquals(List.of("0 1 2", "0 1 2 3 4 "), out.lines());
    }

    // ---- S3-03: the coroutine idea (async/await illustration) -------------------------------

    Coroutine<String> getHtml(String url) {
        return async(() -> {
            out.print("get_html", url, "-> paused, switching");
            await(sleep(0.1));
            return "<a>" + url + "/1</a>";
        });
    }

    static List<String> parseUrl(String html) {
        return List.of(html.substring(3, html.length() - 4));
    }

    Coroutine<Void> getUrl(String url) {
        return async(() -> {
            // do someting 1
            out.print("do something 1 for", url);
            String html = await(getHtml(url));   // pauses here, another function runs
            // parse html
            List<String> urls = parseUrl(html);
            out.print("parsed", urls);
        });
    }

    @Test
    void s3_03_pausableFunctions() {
        run(async(() -> {
            await(gather(getUrl("u1"), getUrl("u2")));
        }));
        assertEquals(List.of(
                "do something 1 for u1",
                "get_html u1 -> paused, switching",
                "do something 1 for u2",
                "get_html u2 -> paused, switching",
                "parsed ['u1/1']",
                "parsed ['u2/1']"), out.lines());
    }

    // ---- S3-04 / S3-05: send and next -------------------------------------------------------

    Generator<String> s3_04_genFunc() {
        return generator(y -> {
            // 1. can produce values, 2. can receive values (passed in by the caller)
            String html = y.yield("http://projectsedu.com");
            out.print(html);
            return "bobby";
        });
    }

    @Test
    void s3_04_send() {
        Generator<String> gen = s3_04_genFunc();
        // before sending a non-None value the generator must be started: gen.send(None) or next(gen)
        String url = gen.send(null);
        // download url
        String html = "bobby";
        StopIteration e = assertThrows(StopIteration.class, () -> out.print(gen.send(html)));
        assertEquals("http://projectsedu.com", url);
        assertEquals(List.of("bobby"), out.lines());
        assertEquals("bobby", e.value());
        assertEquals("bobby", e.getMessage());   // StopIteration: bobby

        TypeError t = assertThrows(TypeError.class, () -> s3_04_genFunc().send("bobby"));
        assertEquals("can't send non-None value to a just-started generator", t.getMessage());
    }

    @Test
    void s3_05_next() {
        Generator<String> gen = s3_04_genFunc();
        out.print(next(gen));
        StopIteration e = assertThrows(StopIteration.class, () -> out.print(next(gen)));
        assertEquals(List.of("http://projectsedu.com", "None"), out.lines());
        assertEquals("bobby", e.value());
        // the third and fourth next(gen) never run in Python; here they would raise a bare StopIteration
        assertNull(assertThrows(StopIteration.class, gen::next).value());
    }

    // ---- S3-06: close -----------------------------------------------------------------------

    @Test
    void s3_06_closeIgnoredGeneratorExit() {
        Generator<Object> gen = generator(y -> {
            try {
                y.yield("http://projectsedu.com");
            } catch (Throwable e) {   // except BaseException: pass
            }
            y.yield(2);
            y.yield(3);
            return "bobby";
        });
        out.print(next(gen));
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, gen::close);
        assertEquals("generator ignored GeneratorExit", e.getMessage());
        assertEquals(List.of("http://projectsedu.com"), out.lines());   // print("bobby") never runs
    }

    @Test
    void s3_06_closeWithExceptExceptionContrast() {
        Generator<Object> gen = generator(y -> {
            try {
                y.yield("http://projectsedu.com");
            } catch (Exception e) {   // GeneratorExit is not an Exception: not caught here
            }
            y.yield(2);
            y.yield(3);
            return "bobby";
        });
        out.print(next(gen));
        gen.close();
        out.print("bobby");
        assertEquals(List.of("http://projectsedu.com", "bobby"), out.lines());
        assertThrows(StopIteration.class, () -> next(gen));
        assertEquals(GeneratorState.GEN_CLOSED, gen.getState());
    }

    // ---- S3-07: throw -----------------------------------------------------------------------

    @Test
    void s3_07_throwIn() {
        Generator<Object> gen = generator(y -> {
            try {
                y.yield("http://projectsedu.com");
            } catch (Exception e) {
            }
            y.yield(2);
            y.yield(3);
            return "bobby";
        });
        out.print(next(gen));
        Object discarded = gen.throwIn(new Exception("download error"));
        out.print(next(gen));
        Exception e = assertThrows(Exception.class, () -> gen.throwIn(new Exception("download error")));
        assertEquals(List.of("http://projectsedu.com", "3"), out.lines());
        assertEquals(2, discarded);
        assertEquals("download error", e.getMessage());
        assertEquals(Exception.class, e.getClass());
        // raised inside the generator at "yield 3": the body's frame is on the stack trace
        assertTrue(java.util.Arrays.stream(e.getStackTrace()).anyMatch(f -> f.getClassName().contains("GeneratorExamplesTest")));
        assertEquals(GeneratorState.GEN_CLOSED, gen.getState());
    }

    // ---- S3-08 … S3-10: yield from an iterable ---------------------------------------------

    static final List<Integer> MY_LIST = List.of(1, 2, 3);
    static final Map<String, String> MY_DICT = new LinkedHashMap<>();

    static {
        MY_DICT.put("bobby1", "http://projectsedu.com");
        MY_DICT.put("bobby2", "http://www.imooc.com");
    }

    static Generator<Object> g1(Iterable<?> iterable) {
        return generator(y -> {
            y.yield(iterable);
        });
    }

    static Generator<Object> g2(Iterable<?> iterable) {
        return generator(y -> {
            y.yieldFrom(iterable);
        });
    }

    @Test
    void s3_08_yieldVersusYieldFrom() {
        for (Object value : g1(range(10))) {
            out.print(value);
        }
        for (Object value : g2(range(10))) {
            out.print(value);
        }
        assertEquals(List.of("range(0, 10)", "0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), out.lines());
    }

    static Generator<Object> myChain(Iterable<?>... args) {
        return generator(y -> {
            for (Iterable<?> myIterable : args) {
                y.yieldFrom(myIterable);
                // for (Object value : myIterable) y.yield(value);
            }
        });
    }

    static Generator<Object> myChainLoop(Iterable<?>... args) {
        return generator(y -> {
            for (Iterable<?> myIterable : args) {
                for (Object value : myIterable) {
                    y.yield(value);
                }
            }
        });
    }

    static final List<String> CHAINED = List.of("1", "2", "3", "bobby1", "bobby2", "5", "6", "7", "8", "9");

    @Test
    void s3_09_myChainWithYieldFrom() {
        for (Object value : myChain(MY_LIST, MY_DICT.keySet(), range(5, 10))) {
            out.print(value);
        }
        assertEquals(CHAINED, out.lines());
    }

    @Test
    void s3_10_myChainWithExplicitLoop() {
        for (Object value : myChainLoop(MY_LIST, MY_DICT.keySet(), range(5, 10))) {
            out.print(value);
        }
        assertEquals(CHAINED, out.lines());
    }

    // ---- S3-11: caller, delegating generator, subgenerator ---------------------------------

    Generator<String> s3_11_gen() {
        return generator(y -> {
            // subgenerator
            String x = y.yield("sub: ready");
            out.print("sub got", x);
            String z = y.yield("sub: got " + x);
            out.print("sub got", z);
            return "sub done";
        });
    }

    Generator<String> s3_11_g1(Generator<String> gen) {
        return generator(y -> {
            // delegating generator
            String result = y.yieldFrom(gen);
            out.print("g1: yield from returned", result);
        });
    }

    @Test
    void s3_11_twoWayChannel() {
        // caller
        Generator<String> g = s3_11_g1(s3_11_gen());
        out.print(g.send(null));
        out.print(g.send("a"));
        try {
            g.send("b");
        } catch (StopIteration e) {
            out.print("g1 finished");
        }
        assertEquals(List.of(
                "sub: ready",
                "sub got a",
                "sub: got a",
                "sub got b",
                "g1: yield from returned sub done",
                "g1 finished"), out.lines());
    }

    // ---- S3-12 / S3-13 / S3-14: sales statistics -------------------------------------------

    final Map<String, Object> finalResult = new LinkedHashMap<>();

    Generator<Object> salesSum(String proName) {
        return generator(y -> {
            int total = 0;
            List<Integer> nums = new ArrayList<>();
            while (true) {
                Integer x = y.yield();
                out.print(proName + "销量: ", x);
                if (x == null || x == 0) {
                    break;
                }
                total += x;
                nums.add(x);
            }
            return tuple(total, nums);
        });
    }

    Generator<Object> middle(String key) {
        return generator(y -> {
            while (true) {
                finalResult.put(key, y.yieldFrom(salesSum(key)));
                out.print(key + "销量统计完成!!.");
            }
        });
    }

    void salesMain(Function<String, Generator<Object>> middle) {
        Map<String, List<Integer>> dataSets = new LinkedHashMap<>();
        dataSets.put("bobby牌面膜", List.of(1200, 1500, 3000));
        dataSets.put("bobby牌手机", List.of(28, 55, 98, 108));
        dataSets.put("bobby牌大衣", List.of(280, 560, 778, 70));
        for (var entry : dataSets.entrySet()) {
            String key = entry.getKey();
            out.print("start key:", key);
            Generator<Object> m = middle.apply(key);
            m.send(null);   // prime the middle coroutine
            for (int value : entry.getValue()) {
                m.send(value);   // each value goes straight to the subgenerator
            }
            m.send(null);
        }
        out.print("final_result:", finalResult);
    }

    static final List<String> SALES_OUTPUT = List.of(
            "start key: bobby牌面膜",
            "bobby牌面膜销量:  1200",
            "bobby牌面膜销量:  1500",
            "bobby牌面膜销量:  3000",
            "bobby牌面膜销量:  None",
            "bobby牌面膜销量统计完成!!.",
            "start key: bobby牌手机",
            "bobby牌手机销量:  28",
            "bobby牌手机销量:  55",
            "bobby牌手机销量:  98",
            "bobby牌手机销量:  108",
            "bobby牌手机销量:  None",
            "bobby牌手机销量统计完成!!.",
            "start key: bobby牌大衣",
            "bobby牌大衣销量:  280",
            "bobby牌大衣销量:  560",
            "bobby牌大衣销量:  778",
            "bobby牌大衣销量:  70",
            "bobby牌大衣销量:  None",
            "bobby牌大衣销量统计完成!!.",
            "final_result: {'bobby牌面膜': (5700, [1200, 1500, 3000]), 'bobby牌手机': (289, [28, 55, 98, 108]), "
                    + "'bobby牌大衣': (1688, [280, 560, 778, 70])}");

    @Test
    void s3_12_delegatingGeneratorCollectsReturnValues() {
        salesMain(this::middle);
        assertEquals(SALES_OUTPUT, out.lines());
    }

    @Test
    void s3_13_stopIterationValueByHand() {
        Generator<Object> myGen = salesSum("bobby牌手机");
        myGen.send(null);
        myGen.send(1200);
        myGen.send(1500);
        myGen.send(3000);
        try {
            myGen.send(null);
        } catch (StopIteration e) {
            Object result = e.value();
            out.print(result);
        }
        assertEquals(List.of(
                "bobby牌手机销量:  1200",
                "bobby牌手机销量:  1500",
                "bobby牌手机销量:  3000",
                "bobby牌手机销量:  None",
                "(5700, [1200, 1500, 3000])"), out.lines());
    }

    /** S3-14: middle with the simplified PEP 380 expansion inlined instead of yieldFrom. */
    Generator<Object> middleExpanded(String key) {
        return generator(y -> {
            while (true) {
                Generator<Object> EXPR = salesSum(key);
                // RESULT = yield from EXPR  -- simplified PEP 380 expansion, inlined:
                Iterator<Object> _i = iter(EXPR);          // _i: the subgenerator
                Object _r = null;                           // _r: the value of the whole expression
                Object _y = null;                           // _y: what the subgenerator yields
                boolean stopped = false;
                try {
                    _y = next(_i);                          // prime the subgenerator
                } catch (StopIteration _e) {
                    _r = _e.value();
                    stopped = true;
                }
                if (!stopped) {                             // try ... else
                    while (true) {
                        Object _s = y.yield(_y);            // _s: what the caller sends
                        try {
                            _y = ((Generator<Object>) _i).send(_s);
                        } catch (StopIteration _e) {
                            _r = _e.value();
                            break;
                        }
                    }
                }
                Object RESULT = _r;
                finalResult.put(key, RESULT);
                out.print(key + "销量统计完成!!.");
            }
        });
    }

    @Test
    void s3_14_simplifiedExpansionBehavesLikeYieldFrom() {
        salesMain(this::middleExpanded);
        assertEquals(SALES_OUTPUT, out.lines());
    }

    // ---- S3-15: the full PEP 380 expansion -------------------------------------------------

    Generator<Object> sub() {
        return generator(y -> {
            try {
                Object x = y.yield(1);
                out.print("sub got", x);
                y.yield(2);
            } catch (ValueError e) {
                out.print("sub caught", PyOut.repr(e));
                y.yield("recovered");
            } finally {
                out.print("sub finally");
            }
            return "sub result";
        });
    }

    Generator<Object> delegatorNative() {
        return generator("delegator_native", y -> {
            Object r = y.yieldFrom(sub());
            out.print("delegator got", r);
            y.yield("after");
        });
    }

    Generator<Object> delegatorExpanded() {
        return generator("delegator_expanded", y -> {
            Generator<Object> EXPR = sub();
            // RESULT = yield from EXPR  -- full PEP 380 expansion, inlined:
            Iterator<Object> _i = iter(EXPR);
            Object _r = null;
            Object _y = null;
            boolean stopped = false;
            try {
                _y = next(_i);
            } catch (StopIteration _e) {
                _r = _e.value();
                stopped = true;
            }
            if (!stopped) {
                while (true) {
                    Object _s;
                    try {
                        _s = y.yield(_y);
                    } catch (GeneratorExit _e) {
                        if (_i instanceof Generator<?> _m) {   // _m = _i.close (AttributeError → pass)
                            _m.close();
                        }
                        throw _e;
                    } catch (Throwable _e) {
                        if (!(_i instanceof Generator<?> _m)) { // _m = _i.throw (AttributeError → raise _e)
                            throw _e;
                        }
                        try {
                            _y = _m.throwIn(_e);
                        } catch (StopIteration _e2) {
                            _r = _e2.value();
                            break;
                        }
                        continue;
                    }
                    try {
                        if (_s == null) {
                            _y = next(_i);
                        } else {
                            _y = ((Generator<Object>) _i).send(_s);
                        }
                    } catch (StopIteration _e) {
                        _r = _e.value();
                        break;
                    }
                }
            }
            Object RESULT = _r;
            Object r = RESULT;
            out.print("delegator got", r);
            y.yield("after");
        });
    }

    @Test
    void s3_15_fullExpansionBehavesLikeYieldFrom() {
        List<java.util.function.Supplier<Generator<Object>>> makers = List.of(this::delegatorNative, this::delegatorExpanded);
        for (var make : makers) {
            Generator<Object> d = make.get();
            out.print("---", d.getName());
            out.print(next(d));
            out.print(d.send("hi"));
            out.print(d.throwIn(new ValueError("bad")));
            out.print(next(d));
            d = make.get();
            out.print(next(d));
            d.close();
            out.print("closed");
        }
        List<String> each = List.of(
                "1",
                "sub got hi",
                "2",
                "sub caught ValueError('bad')",
                "recovered",
                "sub finally",
                "delegator got sub result",
                "after",
                "1",
                "sub finally",
                "closed");
        List<String> expected = new ArrayList<>();
        expected.add("--- delegator_native");
        expected.addAll(each);
        expected.add("--- delegator_expanded");
        expected.addAll(each);
        assertEquals(expected, out.lines());
    }

    // ---- S3-16 … S3-18: coroutines stepped by hand -----------------------------------------

    static Coroutine<String> nativeDownloader(String url) {
        return async("downloader", () -> "bobby");
    }

    static Coroutine<String> downloadUrl(String url, Function<String, Awaitable<String>> downloader) {
        return async("download_url", () -> {
            // dosomethings
            String html = await(downloader.apply(url));
            return html;
        });
    }

    @Test
    void s3_16_nativeCoroutineSteppedByHand() {
        CoroutineStepper<String> coro = stepByHand(downloadUrl("http://www.imooc.com", GeneratorExamplesTest::nativeDownloader));
        StopIteration e = assertThrows(StopIteration.class, () -> coro.send(null));
        assertEquals("bobby", e.value());   // StopIteration: bobby
    }

    static GeneratorCoroutine<String> typesCoroutineDownloader(String url) {
        return coroutine("downloader", y -> {
            y.yield("bobby");
        });
    }

    @Test
    void s3_17_generatorAwaitableYieldsOutOfSend() {
        CoroutineStepper<String> coro = stepByHand(downloadUrl("http://www.imooc.com", GeneratorExamplesTest::typesCoroutineDownloader));
        // next(None)
        assertEquals("bobby", coro.send(null));
        StopIteration e = assertThrows(StopIteration.class, () -> coro.send("<html>page</html>"));
        assertNull(e.value());   // downloader ignores the sent value and returns None
    }

    @Test
    void s3_18_coroutineIsNotAnIterator() {
        Coroutine<String> coro = downloadUrl("http://www.imooc.com", GeneratorExamplesTest::nativeDownloader);
        try {
            next(coro);
        } catch (TypeError e) {
            out.print("TypeError:", e.getMessage());
        }
        coro.close();
        try {
            next(null);
        } catch (TypeError e) {
            out.print("TypeError:", e.getMessage());
        }
        CoroutineStepper<String> stepped = stepByHand(downloadUrl("http://www.imooc.com", GeneratorExamplesTest::nativeDownloader));
        assertEquals("'coroutine' object is not an iterator", assertThrows(TypeError.class, () -> next(stepped)).getMessage());
        stepped.close();
        assertEquals(List.of(
                "TypeError: 'coroutine' object is not an iterator",
                "TypeError: 'NoneType' object is not an iterator"), out.lines());
    }

    // ---- S3-19: generator states -----------------------------------------------------------

    @Test
    void s3_19_generatorStates() {
        Generator<Integer> gen = generator(y -> {
            Object value = y.yield(1);
            // first gives a value to the caller, then the caller sends a value back through send
            return "bobby";
        });
        out.print(gen.getState());
        next(gen);
        out.print(gen.getState());
        try {
            next(gen);
        } catch (StopIteration e) {
        }
        out.print(gen.getState());
        assertEquals(List.of("GEN_CREATED", "GEN_SUSPENDED", "GEN_CLOSED"), out.lines());
    }
}
