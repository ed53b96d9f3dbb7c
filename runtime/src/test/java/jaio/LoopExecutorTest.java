package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The loop's one door for other threads: Loop is an Executor, with Netty's inLoop(). */
class LoopExecutorTest {
    @Test
    void aLoopIsAnExecutorThatRunsCommandsOnItsThread() throws Exception {
        Loop loop = newEventLoop();
        Executor executor = loop;
        Thread runner = Thread.ofPlatform().start(loop::runForever);
        try {
            assertFalse(loop.inLoop(), "a foreign thread is not in the loop");
            CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(loop::inLoop, executor);
            assertTrue(seen.get(10, TimeUnit.SECONDS), "the command ran on the loop");
            // Java interop: a CompletableFuture stage can continue on the loop.
            String where = CompletableFuture.completedFuture("x")
                    .thenApplyAsync(x -> x + (Loop.getRunningLoop() == loop), executor).get(10, TimeUnit.SECONDS);
            assertEquals("xtrue", where);
        } finally {
            loop.stop();
            runner.join();
            loop.close();
        }
    }

    @Test
    void commandsFromOtherThreadsRunFirstInFirstOut() throws Exception {
        Loop loop = newEventLoop();
        List<Integer> out = new ArrayList<>();
        CountDownLatch all = new CountDownLatch(1);
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 1000; i++) {
                int n = i;
                loop.execute(() -> out.add(n));
            }
            loop.execute(all::countDown);
            loop.execute(loop::stop);
        });
        loop.runForever();
        producer.join();
        assertEquals(0, all.getCount());
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, out.get(i));
        }
        loop.close();
    }

    @Test
    void inLoopHoldsInItsCallbacksAndTasksOnly() {
        Loop loop = newEventLoop();
        Loop other = newEventLoop();
        List<Boolean> out = new ArrayList<>();
        loop.callSoon(() -> out.add(loop.inLoop()));
        loop.callSoon(() -> out.add(other.inLoop()));
        out.add(loop.inLoop());
        loop.runUntilComplete(async(() -> {
            out.add(loop.inLoop());
            await(sleep(0));
            out.add(loop.inLoop());
            out.add(await(toThread(loop::inLoop)));
            return null;
        }));
        assertEquals(List.of(false, true, false, true, true, false), out);
        loop.close();
        other.close();
    }

    @Test
    void executeOnAClosedLoopIsRejected() {
        Loop loop = newEventLoop();
        loop.close();
        RejectedExecutionException e = assertThrows(RejectedExecutionException.class, () -> loop.execute(() -> {}));
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
    }
}
