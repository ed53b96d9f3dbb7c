package jaio.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/** The socket loop with real ZeroMQ sockets: an echo server on a ROUTER, tasks from other threads. */
@Timeout(20)
class SocketLoopTest {

    private ZContext context;
    private SocketLoop loop;
    private ZMQ.Socket client;
    private final List<String> served = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() {
        context = new ZContext(1);
        ZMQ.Socket router = context.createSocket(SocketType.ROUTER);
        int port = router.bindToRandomPort("tcp://127.0.0.1");
        loop = new SocketLoop("test-loop", context);
        loop.register(router, s -> {
            List<byte[]> frames;
            while ((frames = Frames.receive(s)) != null) {
                served.add(new String(frames.get(1), StandardCharsets.UTF_8));
                Frames.send(s, frames); // echo to the sender
            }
        });
        loop.start();
        client = context.createSocket(SocketType.DEALER);
        client.setReceiveTimeOut(5000);
        client.connect("tcp://127.0.0.1:" + port);
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.stop();
        assertTrue(loop.join(Duration.ofSeconds(5)), "the loop did not end");
        context.close();
    }

    private String echo(String text) {
        client.send(text);
        byte[] back = client.recv(0);
        assertNotNull(back, "no echo of " + text);
        return new String(back, StandardCharsets.UTF_8);
    }

    @Test
    void servesEveryMessageInOrder() {
        for (int i = 0; i < 200; i++) {
            assertEquals("m" + i, echo("m" + i));
        }
    }

    @Test
    void messagesThatArriveWhileATaskRunsAreServedAfterIt() throws Exception {
        CountDownLatch inTask = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            inTask.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertTrue(inTask.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 5; i++) {
            client.send("while-busy-" + i);
        }
        Thread.sleep(100); // they reach the socket while the loop is in the task, not in select
        release.countDown();
        for (int i = 0; i < 5; i++) {
            assertEquals("while-busy-" + i, new String(client.recv(0), StandardCharsets.UTF_8));
        }
    }

    @Test
    void tasksFromManyThreadsRunOnTheLoopInSubmissionOrderPerThread() throws Exception {
        int threads = 4;
        int each = 500;
        List<List<Integer>> seen = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            seen.add(new ArrayList<>());
        }
        List<String> offLoop = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads * each);
        List<Thread> submitters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            // Platform and virtual submitters: a virtual thread wakes the loop through the hand-off thread.
            Thread.Builder builder = t % 2 == 0 ? Thread.ofPlatform() : Thread.ofVirtual();
            submitters.add(builder.start(() -> {
                for (int i = 0; i < each; i++) {
                    int n = i;
                    loop.execute(() -> {
                        if (!loop.inLoop()) {
                            offLoop.add(Thread.currentThread().getName());
                        }
                        seen.get(id).add(n); // confined to the loop thread
                        done.countDown();
                    });
                }
            }));
        }
        for (Thread t : submitters) {
            t.join();
        }
        assertTrue(done.await(10, TimeUnit.SECONDS), "tasks left: " + done.getCount());
        assertEquals(List.of(), offLoop);
        for (List<Integer> s : seen) {
            for (int i = 0; i < each; i++) {
                assertEquals(i, s.get(i));
            }
        }
        assertEquals("after", echo("after"), "the sockets are still served");
    }

    @Test
    void aFailingHandlerOrTaskDoesNotEndTheLoop() {
        loop.execute(() -> {
            throw new IllegalStateException("a task that fails (expected in this test)");
        });
        assertEquals("still", echo("still"));
    }

    @Test
    void afterStopNoTaskIsAccepted() throws InterruptedException {
        loop.stop();
        assertTrue(loop.join(Duration.ofSeconds(5)));
        assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> { }));
        assertFalse(loop.inLoop());
    }
}
