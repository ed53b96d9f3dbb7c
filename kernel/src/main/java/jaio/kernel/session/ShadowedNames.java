package jaio.kernel.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime types whose simple names mean the JDK's type in a cell ({@code jaio.Queue} behind
 * {@code java.util.Queue}, see {@link Prelude}), and the hint a compile error gets when it mixes
 * the two: which name to write for the other one.
 */
final class ShadowedNames {
    private static final Pattern QUALIFIED = Pattern.compile("\\b(?:jaio|java)(?:\\.[a-z]\\w*)*\\.([A-Z]\\w*)");
    /** Runtime type -> the JDK type its simple name means in a cell; set once by the prelude. */
    private static volatile Map<String, String> behindJdk = Map.of();

    private ShadowedNames() {}

    static void set(Map<String, String> runtimeToJdk) {
        behindJdk = Map.copyOf(runtimeToJdk);
    }

    /** The runtime types whose simple name means the JDK's type in a cell, qualified and sorted. */
    static List<String> runtimeTypes() {
        return behindJdk.keySet().stream().sorted().toList();
    }

    /**
     * For a compiler message that names a shadowed runtime type or its JDK namesake: one line per
     * such name saying what each spelling means; empty when the message involves none.
     */
    static List<String> hints(String message) {
        List<String> out = new ArrayList<>();
        Map<String, String> map = behindJdk;
        Matcher m = QUALIFIED.matcher(message);
        while (m.find()) {
            String name = m.group();
            String runtime = map.containsKey(name) ? name
                    : map.entrySet().stream().filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).findFirst().orElse(null);
            if (runtime != null) {
                String simple = m.group(1);
                String hint = "hint: in a cell " + simple + " is " + map.get(runtime) + " (plain Java); asyncio's "
                        + simple + " is written " + runtime;
                if (!out.contains(hint)) {
                    out.add(hint);
                }
            }
        }
        return out;
    }
}
