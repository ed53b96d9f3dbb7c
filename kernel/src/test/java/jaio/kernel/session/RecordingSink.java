package jaio.kernel.session;

import jaio.kernel.language.OutputSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** An {@link OutputSink} that records every call, for assertions. */
final class RecordingSink implements OutputSink {
    record Event(String kind, String name, Object payload, String displayId) {}

    private final List<Event> events = new ArrayList<>();

    @Override
    public synchronized void stream(String name, String text) {
        events.add(new Event("stream", name, text, null));
        notifyAll();
    }

    @Override
    public synchronized void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        events.add(new Event("display", null, data, displayId));
        notifyAll();
    }

    @Override
    public synchronized void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        events.add(new Event("update", null, data, displayId));
        notifyAll();
    }

    @Override
    public synchronized void clearOutput(boolean wait) {
        events.add(new Event("clear", null, wait, null));
        notifyAll();
    }

    @Override
    public synchronized void executeResult(Map<String, Object> data, Map<String, Object> metadata) {
        events.add(new Event("result", null, data, null));
        notifyAll();
    }

    synchronized List<Event> events() {
        return new ArrayList<>(events);
    }

    /** All text sent to {@code stream}, concatenated. */
    synchronized String text(String stream) {
        StringBuilder sb = new StringBuilder();
        for (Event e : events) {
            if (e.kind().equals("stream") && e.name().equals(stream)) {
                sb.append(e.payload());
            }
        }
        return sb.toString();
    }

    synchronized String stdout() {
        return text("stdout");
    }

    /** The text/plain of the execute_result, or null. */
    @SuppressWarnings("unchecked")
    synchronized String result() {
        for (Event e : events) {
            if (e.kind().equals("result")) {
                return (String) ((Map<String, Object>) e.payload()).get("text/plain");
            }
        }
        return null;
    }

    /** Waits up to {@code millis} for {@code condition} on this sink; true if it held. */
    synchronized boolean await(Predicate<RecordingSink> condition, long millis) throws InterruptedException {
        long end = System.nanoTime() + millis * 1_000_000;
        while (!condition.test(this)) {
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }
}
