package zmq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * jaio's fix of JeroMQ's Signaler (kernel/src/main/java/zmq/Signaler.java): a signal whose count is
 * seen before its byte is consumed once, and its byte is read when it arrives, so the pipe does not
 * stay readable (a poller would return at once, again and again).
 */
@Timeout(20)
class SignalerTest {

    private final Ctx ctx = new Ctx();
    private final Signaler signaler = new Signaler(ctx, 1, ctx.errno());

    @AfterEach
    void close() throws Exception {
        signaler.close();
        ctx.terminate();
    }

    private boolean pipeReadable() throws Exception {
        try (Selector s = Selector.open()) {
            signaler.getFd().register(s, SelectionKey.OP_READ);
            return s.selectNow() > 0;
        }
    }

    private Object field(String name) throws Exception {
        Field f = Signaler.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(signaler);
    }

    /** What a writer preempted between counting a signal and writing its byte has done so far. */
    private void countWithoutWriting() throws Exception {
        ((AtomicLong) field("wcursor")).incrementAndGet();
    }

    /** The rest of that writer's send: the byte. */
    private void writeTheByte() throws Exception {
        assertEquals(1, ((Pipe.SinkChannel) field("w")).write(ByteBuffer.allocate(1)));
    }

    @Test
    void aSignalIsSeenOnceAndLeavesThePipeEmpty() throws Exception {
        assertFalse(signaler.waitEvent(0));
        signaler.send();
        assertTrue(pipeReadable());
        assertTrue(signaler.waitEvent(0));
        signaler.recv();
        assertFalse(signaler.waitEvent(0));
        assertFalse(pipeReadable());
    }

    @Test
    void aSignalCountedBeforeItsByteIsConsumedAndItsByteReadWhenItComes() throws Exception {
        countWithoutWriting();
        assertTrue(signaler.waitEvent(0), "the count alone is a signal");
        signaler.recv(); // no byte yet: owed, not waited for
        assertFalse(signaler.waitEvent(0));
        writeTheByte();
        assertTrue(pipeReadable());
        assertFalse(signaler.waitEvent(0), "the late byte is no second signal");
        assertFalse(pipeReadable(), "the late byte was read: a poller would not spin on it");
        // Later signals work as before.
        signaler.send();
        assertTrue(signaler.waitEvent(0));
        signaler.recv();
        assertFalse(pipeReadable());
    }

    @Test
    void aBlockingWaitReturnsOnASignalFromAnotherThread() throws Exception {
        Thread sender = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            signaler.send();
        });
        long t0 = System.nanoTime();
        assertTrue(signaler.waitEvent(5000));
        assertTrue(System.nanoTime() - t0 < 4_000_000_000L);
        signaler.recv();
        sender.join();
    }

    @Test
    void anOwedByteArrivingDuringABlockingWaitDoesNotEndItEarly() throws Exception {
        countWithoutWriting();
        assertTrue(signaler.waitEvent(0));
        signaler.recv(); // owes the byte
        Thread late = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(50);
                writeTheByte();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long t0 = System.nanoTime();
        assertFalse(signaler.waitEvent(400), "no signal came, only an owed byte");
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(waited >= 350, "waited only " + waited + " ms of 400");
        late.join();
        assertFalse(pipeReadable());
    }

    @Test
    void manySignalsFromAnotherThreadAreAllSeenAndThePipeEndsEmpty() throws Exception {
        int n = 20_000;
        Thread sender = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < n; i++) {
                signaler.send();
            }
        });
        int seen = 0;
        while (seen < n) {
            if (signaler.waitEvent(1000)) {
                signaler.recv();
                seen++;
            }
        }
        sender.join();
        assertFalse(signaler.waitEvent(0));
        assertFalse(signaler.waitEvent(50));
        assertFalse(pipeReadable());
    }
}
