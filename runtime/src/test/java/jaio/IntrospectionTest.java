package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** What a pending task waits for, and the await graph (asyncio 3.14's capture/format_call_graph). */
class IntrospectionTest {

    /** Runs {@code body} once every task has reached its await point, from a task of the same loop. */
    private static String describe(Task<?> t) {
        Waiting w = t.waitingFor();
        return w == null ? null : w.describe();
    }

    @Test
    void aPendingTaskTellsWhatItWaitsForAndSinceWhen() {
        List<String> seen = new ArrayList<>();
        run(async(() -> {
            Loop loop = Loop.getRunningLoop();
            jaio.Queue<Integer> q = new jaio.Queue<>();
            Lock lock = new Lock();
            Future<String> fut = loop.createFuture();
            CompletableFuture<String> cf = new CompletableFuture<>();
            Task<?> sleeper = createTask(sleep(5), "sleeper");
            Task<?> getter = createTask(q.get(), "getter");
            await(lock.acquire());
            Task<?> locker = createTask(async(() -> { await(lock.acquire()); return null; }), "locker");
            Task<?> onFuture = createTask(async(() -> await(fut)), "onFuture");
            Task<?> onCf = createTask(async(() -> await(cf)), "onCf");
            Task<?> onThread = createTask(toThread(() -> { Thread.sleep(300); return 1; }), "onThread");
            Task<?> parent = createTask(async(() -> await(sleeper)), "parent");
            Task<?> gatherer = createTask(async(() -> await(gather(sleeper, getter))), "gatherer");
            double before = loop.time();
            await(sleep(0.05));
            for (Task<?> t : List.of(sleeper, getter, locker, onFuture, onCf, onThread, parent, gatherer)) {
                seen.add(t.getName() + ": " + describe(t));
                Waiting w = t.waitingFor();
                assertTrue(w.since() >= before - 0.01 && w.since() <= loop.time(), t.getName() + " since " + w.since());
                // Each task suspended when it first ran, after this one yielded: how long depends on the machine's load.
                assertTrue(w.seconds(loop) > 0 && w.seconds(loop) <= loop.time() - before + 0.01,
                        t.getName() + " waited " + w.seconds(loop));
            }
            assertNull(currentTask().waitingFor(), "a running task waits for nothing");
            for (Task<?> t : List.of(sleeper, getter, locker, onFuture, onCf, onThread, parent, gatherer)) {
                t.cancel();
            }
            lock.release();
            cf.complete("x");
            await(gather(true, sleeper, getter, locker, onFuture, onCf, onThread, parent, gatherer));
            return null;
        }));
        // 5 s minus the 0.05 s slept, minus however long a loaded machine took to get here.
        assertTrue(seen.get(0).matches("sleeper: sleep \\((4\\.[0-9]|5\\.0) s left\\)"), seen.get(0));
        assertEquals(List.of("getter: get from a Queue", "locker: acquire a Lock", "onFuture: a Future",
                "onCf: a CompletableFuture", "onThread: a thread (runInExecutor)", "parent: Task 'sleeper'",
                "gatherer: gather (0 of 2 done)"), seen.subList(1, seen.size()));
    }

    @Test
    void aTaskWaitingOnASocketSaysWhichOne() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            String seen = run(async(() -> {
                Loop loop = Loop.getRunningLoop();
                SocketChannel client = SocketChannel.open();
                client.configureBlocking(false);
                client.connect(server.getLocalAddress());
                try (SocketChannel accepted = server.accept()) {
                    while (!client.finishConnect()) {
                        await(sleep(0.01));
                    }
                    Task<byte[]> reader = createTask(loop.sockRecv(client, 10), "reader");
                    await(sleep(0.05));
                    String d = describe(reader);
                    reader.cancel();
                    client.close();
                    return d;
                }
            }));
            assertTrue(seen.startsWith("socket readable (/127.0.0.1:"), seen);
        }
    }

    static Coroutine<String> leaf(Future<String> f) {
        return async(() -> await(f));
    }

    static Coroutine<String> middle(Future<String> f) {
        return async(() -> await(leaf(f)));
    }

    static Coroutine<String> top(Future<String> f) {
        return async(() -> await(middle(f)));
    }

    @Test
    void theCallGraphOfAThreeDeepChainShowsTheUserFramesAndWhoAwaits() {
        String[] text = new String[1];
        FutureCallGraph[] graph = new FutureCallGraph[1];
        run(async(() -> {
            Future<String> f = Loop.getRunningLoop().createFuture();
            Task<String> worker = createTask(top(f), "worker");
            Task<?> waiter = createTask(async(() -> await(gather(worker))), "waiter");
            await(sleep(0.02));
            graph[0] = captureCallGraph(worker);
            text[0] = formatCallGraph(worker);
            f.setResult("done");
            await(waiter);
            return null;
        }));
        List<String> methods = graph[0].callStack().stream().map(e -> UserFrames.methodName(e.frame())).toList();
        assertEquals(List.of("IntrospectionTest.leaf", "IntrospectionTest.middle", "IntrospectionTest.top"), methods);
        assertEquals(1, graph[0].awaitedBy().size());
        assertEquals("waiter", ((Task<?>) graph[0].awaitedBy().getFirst().future()).getName());
        String[] lines = text[0].split("\n");
        assertTrue(lines[0].startsWith("* Task(name='worker', id=0x"), text[0]);
        assertEquals("  + Call stack:", lines[1]);
        assertTrue(lines[2].matches("  \\|   File 'IntrospectionTest.java', line \\d+, in IntrospectionTest.leaf\\(\\)"), lines[2]);
        assertTrue(text[0].contains("  + Awaited by:\n    * Task(name='waiter', id=0x"), text[0]);
    }

    @Test
    void printCallGraphOfTheCurrentTaskStartsAtTheCaller() {
        String out = run(async(() -> {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            CallGraphs.printCallGraph(null, new java.io.PrintStream(buf, true));
            return buf.toString();
        }));
        String[] lines = out.split("\n");
        assertTrue(lines[0].startsWith("* Task(name='Task-"), out);
        assertTrue(lines[2].contains("in IntrospectionTest.printCallGraphOfTheCurrentTaskStartsAtTheCaller()"), out);
    }

    @Test
    void aTaskGroupsParentAwaitsItsTasks() {
        List<String> parents = new ArrayList<>();
        run(async(() -> {
            Task<?> outer = createTask(async(() -> {
                taskGroup(tg -> {
                    Task<?> child = tg.createTask(sleep(0.1), "child");
                    createTask(async(() -> {
                        await(sleep(0.03));
                        for (Task<?> p : CallGraphs.awaitedBy(child)) {
                            parents.add(p.getName() + " waits for " + describe(p));
                        }
                        return null;
                    }));
                });
                return null;
            }), "outer");
            await(outer);
            return null;
        }));
        assertEquals(List.of("outer waits for the tasks of a TaskGroup"), parents);
    }

    @Test
    void getStackIsTranslatedByTheHostsTranslator() {
        UserFrames.setTranslator(e -> e.getClassName().equals(IntrospectionTest.class.getName())
                ? new StackTraceElement("", e.getMethodName(), "cell [7]", 3) : e);
        try {
            List<StackTraceElement> stack = run(async(() -> {
                Future<String> f = Loop.getRunningLoop().createFuture();
                Task<String> t = createTask(leaf(f), "t");
                await(sleep(0.01));
                List<StackTraceElement> s = t.getStack();
                f.setResult("x");
                return s;
            }));
            assertEquals("cell [7]", stack.getFirst().getFileName());
            assertEquals("leaf", UserFrames.methodName(stack.getFirst()));
        } finally {
            UserFrames.setTranslator(e -> e);
        }
    }
}
