package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jaio.kernel.wire.Message;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Output from threads that a background task uses reaches the task's cell, not the cell running when they print. */
@Timeout(180)
class ThreadOutputEndToEndTest extends OneKernelPerClass {

    private static String sortedLines(String s) {
        return s.lines().sorted().collect(Collectors.joining("\n"));
    }

    @Test
    void parallelStreamAndExecutorOutputOfABackgroundTaskArrivesUnderItsCell() {
        Message starter = kernel.send("""
                var bg = createTask(async(() -> {
                    await sleep(0.5);
                    List.of(1, 2, 3, 4, 5, 6, 7, 8).parallelStream().forEach(i -> System.out.println("fj " + i));
                    var pool = Executors.newFixedThreadPool(2);
                    pool.submit(() -> System.out.println("executor")).get();
                    pool.shutdown();
                    new Thread(() -> System.out.println("thread")).start();
                }));""");
        kernel.client.iopubUntilIdle(starter, RunningKernel.WAIT);
        var later = kernel.run("await sleep(2);\nSystem.out.println(\"later cell\");");
        assertEquals("later cell\n", later.stdout(), "nothing of the background task lands in the later cell");

        List<Message> afterwards = kernel.client.drainIopub(java.time.Duration.ofSeconds(1));
        String ofStarter = afterwards.stream()
                .filter(m -> m.parentMsgId().equals(starter.msgId()) && m.msgType().equals("stream"))
                .map(m -> m.content().get("text").getAsString()).collect(Collectors.joining());
        assertEquals(sortedLines("fj 1\nfj 2\nfj 3\nfj 4\nfj 5\nfj 6\nfj 7\nfj 8\nexecutor\nthread"), sortedLines(ofStarter));
    }

    @Test
    void outputOfUnknownOriginGoesToTheRunningCellMarked() {
        var run = kernel.run("Thread.ofPlatform().name(\"orphan\").inheritInheritableThreadLocals(false)"
                + ".start(() -> System.out.println(\"from nowhere\")).join();");
        assertEquals("[thread orphan] from nowhere\n", run.stdout());
    }
}
