package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import jaio.TaskRecorder.Event;
import jaio.TaskRecorder.Kind;
import org.junit.jupiter.api.Test;

/** The task-event recorder: which events, in which order, with which times, and its limits. */
class TaskRecorderTest {

    private static List<Event> of(TaskRecorder rec, Task<?> task) {
        List<Event> out = new ArrayList<>();
        for (Event e : rec.events()) {
            if (e.task() == task) {
                out.add(e);
            }
        }
        return out;
    }

    private static List<Kind> kinds(List<Event> events) {
        return events.stream().map(Event::kind).toList();
    }

    @Test
    void recordsEachStepWithWhatTheTaskWaitedForAndWhenItRan() {
        List<Event> sleeper = new ArrayList<>();
        List<Event> worker = new ArrayList<>();
        List<Event> failing = new ArrayList<>();
        List<Event> cancelled = new ArrayList<>();
        run(async(() -> {
            TaskRecorder rec = TaskRecorder.start(Loop.getRunningLoop());
            Task<?> s = createTask(sleep(0.2), "sleeper");
            Task<?> w = createTask(async(() -> {
                await(sleep(0.1));
                Thread.sleep(80);   // a long last step: its run must show up between its start and its end
                return null;
            }), "worker");
            Task<?> f = createTask(async(() -> {
                await(sleep(0));
                throw new IllegalStateException("boom");
            }), "failing");
            Task<?> c = createTask(sleep(10), "cancelled");
            await(sleep(0.05));
            c.cancel();
            await(gather(true, s, w, f, c));
            rec.stop();
            sleeper.addAll(of(rec, s));
            worker.addAll(of(rec, w));
            failing.addAll(of(rec, f));
            cancelled.addAll(of(rec, c));
            return null;
        }));
        List<Kind> twoSteps = List.of(Kind.CREATED, Kind.STEP, Kind.SUSPENDED, Kind.STEP, Kind.DONE);
        assertEquals(twoSteps, kinds(sleeper));
        assertEquals(twoSteps, kinds(worker));
        assertEquals(List.of(Kind.CREATED, Kind.STEP, Kind.SUSPENDED, Kind.STEP, Kind.FAILED), kinds(failing));
        assertEquals(List.of(Kind.CREATED, Kind.STEP, Kind.SUSPENDED, Kind.STEP, Kind.CANCELLED), kinds(cancelled));
        for (List<Event> events : List.of(sleeper, worker, failing, cancelled)) {
            for (int i = 1; i < events.size(); i++) {
                assertTrue(events.get(i).time() >= events.get(i - 1).time(), "times go forward: " + events);
            }
        }
        assertEquals("sleep 0.2 s", sleeper.get(2).describe());
        assertEquals("sleep 0.1 s", worker.get(2).describe());
        assertEquals("the next loop iteration (sleep(0))", failing.get(2).describe());
        // The second step starts when the sleep is over, not when the task suspended.
        assertTrue(worker.get(3).time() - worker.get(2).time() >= 0.095, "woke after its sleep: " + worker);
        assertTrue(sleeper.get(3).time() - sleeper.get(2).time() >= 0.195, "woke after its sleep: " + sleeper);
        // The blocking last step ends at least 80 ms after it started.
        assertTrue(worker.get(4).time() - worker.get(3).time() >= 0.079, "the last step's run: " + worker);
        assertTrue(cancelled.get(4).time() - cancelled.get(2).time() >= 0.04, "cancelled after 50 ms: " + cancelled);
    }

    @Test
    void stopsRecordingWhenStoppedAndCountsWhatItCouldNotKeep() {
        int[] kept = new int[4];
        long[] dropped = new long[1];
        run(async(() -> {
            Loop loop = Loop.getRunningLoop();
            TaskRecorder small = TaskRecorder.start(loop, 1);   // one chunk: 16 384 events
            TaskRecorder all = TaskRecorder.start(loop);   // two at once: both see every event
            List<Task<Void>> tasks = new ArrayList<>();
            for (int i = 0; i < 4000; i++) {   // 20 000 events
                tasks.add(createTask(async(() -> await(sleep(0)))));
            }
            await(gather(tasks));
            small.stop();
            all.stop();
            kept[0] = small.size();
            kept[3] = all.size();
            dropped[0] = small.dropped();
            TaskRecorder rec = TaskRecorder.start(loop);
            await(createTask(sleep(0)));
            rec.stop();
            kept[1] = rec.size();
            await(createTask(sleep(0)));   // after stop(): not recorded
            kept[2] = rec.size();
            return null;
        }));
        assertEquals(16_384, kept[0]);
        assertTrue(kept[3] >= 20_000, "4000 tasks, 5 events each: " + kept[3]);
        assertEquals(kept[3] - 16_384, dropped[0]);
        // The recording task's step began before start(), so its suspension is not seen; its next step is.
        assertEquals(6, kept[1], "created, step, suspended, step, done of the one task, then the recording task's step");
        assertEquals(kept[1], kept[2]);
    }
}
