package jaio.kernel.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Javadoc as a notebook shows it (inspect, the {@code ?} pager): the description first (its first
 * sentence is the summary), inline tags and HTML turned into Markdown-flavoured plain text
 * ({@code {@code x}} is {@code `x`}, {@code {@link Foo#bar}} is {@code Foo.bar}, {@code <p>} a
 * blank line), then the block tags as short sections (Parameters, Returns, Throws, See also).
 */
final class JavadocText {
    private static final Pattern INLINE = Pattern.compile("\\{@(code|literal|link|linkplain|value|inheritDoc|docRoot|index|summary)\\s*([^{}]*(?:\\{[^{}]*\\}[^{}]*)*)\\}");
    private static final Pattern BLOCK_TAG = Pattern.compile("(?m)^\\s*@(\\w+)\\s*");
    private static final Map<String, String> SECTIONS = new LinkedHashMap<>();

    static {
        SECTIONS.put("param", "Parameters");
        SECTIONS.put("return", "Returns");
        SECTIONS.put("throws", "Throws");
        SECTIONS.put("exception", "Throws");
        SECTIONS.put("see", "See also");
        SECTIONS.put("since", "Since");
        SECTIONS.put("deprecated", "Deprecated");
    }

    private JavadocText() {}

    static String render(String javadoc) {
        if (javadoc == null || javadoc.isBlank()) {
            return "";
        }
        Matcher tag = BLOCK_TAG.matcher(javadoc);
        int descriptionEnd = tag.find() ? tag.start() : javadoc.length();
        StringBuilder out = new StringBuilder(inline(javadoc.substring(0, descriptionEnd)).strip());
        Map<String, List<String>> sections = new LinkedHashMap<>();
        int from = descriptionEnd;
        while (from < javadoc.length()) {
            tag.region(from, javadoc.length());
            if (!tag.lookingAt()) {
                break;
            }
            String name = tag.group(1);
            int bodyStart = tag.end();
            tag.region(bodyStart, javadoc.length());
            int bodyEnd = tag.find() ? tag.start() : javadoc.length();
            String body = inline(javadoc.substring(bodyStart, bodyEnd)).strip().replaceAll("\\s*\\n\\s*", " ");
            String section = SECTIONS.get(name);
            if (section != null) {
                if (name.equals("param") || name.equals("throws") || name.equals("exception")) {
                    int space = body.indexOf(' ');
                    body = space < 0 ? "`" + body + "`" : "`" + body.substring(0, space) + "` — " + body.substring(space + 1).strip();
                }
                sections.computeIfAbsent(section, k -> new ArrayList<>()).add(body);
            }
            from = bodyEnd;
        }
        for (var e : sections.entrySet()) {
            out.append("\n\n").append(e.getKey()).append(':');
            for (String item : e.getValue()) {
                out.append("\n  ").append(item);
            }
        }
        return out.toString();
    }

    /** Inline tags, HTML and entities of a piece of Javadoc as plain text. */
    private static String inline(String text) {
        Matcher m = INLINE.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String arg = m.group(2).strip();
            String r = switch (m.group(1)) {
                case "code" -> "`" + arg + "`";
                case "link", "linkplain" -> linkText(arg, m.group(1).equals("link"));
                case "inheritDoc", "docRoot" -> "";
                default -> arg;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(r));
        }
        m.appendTail(sb);
        String s = sb.toString();
        s = s.replaceAll("(?is)<pre>\\s*(.*?)\\s*</pre>", "\n```\n$1\n```\n");
        s = s.replaceAll("(?i)</?(code|tt)>", "`");
        s = s.replaceAll("(?i)</?(em|i)>", "*");
        s = s.replaceAll("(?i)</?(strong|b)>", "**");
        s = s.replaceAll("(?i)\\s*<p>\\s*", "\n\n").replaceAll("(?i)</p>", "");
        s = s.replaceAll("(?i)<br\\s*/?>", "\n");
        s = s.replaceAll("(?i)\\s*<li>\\s*", "\n- ").replaceAll("(?i)</li>", "");
        s = s.replaceAll("(?i)<h\\d[^>]*>(.*?)</h\\d>", "\n\n$1\n");
        s = s.replaceAll("<[^>]+>", "");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&nbsp;", " ")
                .replace("&#64;", "@").replace("&amp;", "&");
        return s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    }

    /** {@code Foo#bar(int) label} reads "label"; without a label, {@code Foo.bar(int)}. */
    private static String linkText(String arg, boolean code) {
        int space = firstSpaceOutsideParens(arg);
        if (space > 0 && space < arg.length() - 1) {
            return arg.substring(space + 1).strip();
        }
        String ref = arg.startsWith("#") ? arg.substring(1) : arg.replace('#', '.');
        return code ? "`" + ref + "`" : ref;
    }

    private static int firstSpaceOutsideParens(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (Character.isWhitespace(c) && depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
