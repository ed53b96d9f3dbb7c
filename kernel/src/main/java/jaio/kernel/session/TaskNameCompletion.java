package jaio.kernel.session;

import jaio.Loop;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Completion of a task's name or id in the arguments of {@code %task} and {@code %cancel}. Asked on
 * the kernel's helper thread, while a cell may be running; the pending tasks are the loop's, so the
 * loop lists them ({@link Loop#execute}) and the helper waits a short, bounded time: a cell awaiting
 * leaves the loop free and gets its answer at once, a cell computing without awaiting holds the
 * loop and gets no completion rather than a frozen front end.
 *
 * <p>A task is offered by its name when the name is one word (a magic's arguments are split at
 * blanks), otherwise, and whenever the typed word starts with {@code 0x}, by its id.
 */
public final class TaskNameCompletion {
    private static final long WAIT_MILLIS = 300;
    private static final int MAX_MATCHES = 200;

    private TaskNameCompletion() {}

    /** The names and ids of pending tasks that start with {@code word}, in creation order, {@code exclude} left out. */
    public static List<String> complete(Loop loop, String word, List<String> exclude) {
        if (loop.inLoop()) {
            return matching(loop, word, exclude);
        }
        CompletableFuture<List<String>> answer = new CompletableFuture<>();
        try {
            loop.execute(() -> answer.complete(matching(loop, word, exclude)));
            return answer.get(WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return List.of();   // the loop is held by a computing cell (or closed): nothing to offer now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /** On the loop: at most {@link #MAX_MATCHES} candidates; the cell's own tasks are offered too ({@code %task} shows them). */
    private static List<String> matching(Loop loop, String word, List<String> exclude) {
        Set<String> out = new LinkedHashSet<>();
        boolean byId = word.startsWith("0x");
        loop.forEachTask(t -> {
            if (out.size() < MAX_MATCHES) {
                String name = t.getName();
                boolean oneWord = !name.isEmpty() && name.chars().noneMatch(Character::isWhitespace);
                String candidate = oneWord && !byId ? name : TaskRow.idOf(t);
                if (candidate.startsWith(word) && !exclude.contains(candidate)) {
                    out.add(candidate);
                }
            }
        });
        return new ArrayList<>(out);
    }
}
